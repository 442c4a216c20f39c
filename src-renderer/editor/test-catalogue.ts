// Test support: the editor's catalogue built from the real builtin registry, as the API would send it.
import { z } from 'zod';
import { createBuiltinRegistry } from '../../src-shared/nodes/builtin.ts';
import type { NodeRegistry } from '../../src-shared/nodes/registry.ts';
import { createCatalogue, type Catalogue, type CatalogueEntry, type PortsFor } from './catalogue.ts';

export function catalogueFromRegistry(registry: NodeRegistry = createBuiltinRegistry()): Catalogue {
  const entries: CatalogueEntry[] = registry.list().map((nodeType) => {
    const defaultConfig = nodeType.config.parse({}) as Record<string, unknown>;
    return {
      type: nodeType.type,
      version: nodeType.version,
      kind: nodeType.kind,
      title: nodeType.title,
      category: nodeType.category,
      description: nodeType.description,
      icon: nodeType.icon,
      defaultConfig,
      inputs: nodeType.inputPorts(defaultConfig),
      outputs: nodeType.outputPorts(defaultConfig),
      configSchema: z.toJSONSchema(nodeType.config, { io: 'input', unrepresentable: 'any' }),
    };
  });
  // Round-trip through JSON: the catalogue must be serialisable, as it crosses the API.
  return createCatalogue(JSON.parse(JSON.stringify(entries)) as CatalogueEntry[]);
}

export function portsForRegistry(registry: NodeRegistry = createBuiltinRegistry()): PortsFor {
  return (type, config) => {
    const nodeType = registry.get(type);
    if (nodeType === undefined) return undefined;
    return { inputs: nodeType.inputPorts(config), outputs: nodeType.outputPorts(config) };
  };
}
