// Test support: the editor's catalogue built from the real builtin registry, as the API would send it.
import { nodeCatalogue } from '../../src-shared/api/node-catalogue.ts';
import { createBuiltinRegistry } from '../../src-shared/nodes/builtin.ts';
import type { NodeRegistry } from '../../src-shared/nodes/registry.ts';
import { createCatalogue, type Catalogue, type CatalogueEntry, type PortsFor } from './catalogue.ts';

export function catalogueFromRegistry(registry: NodeRegistry = createBuiltinRegistry()): Catalogue {
  // The API's own catalogue, round-tripped through JSON: it must be serialisable, as it crosses the API.
  return createCatalogue(JSON.parse(JSON.stringify(nodeCatalogue(registry))) as CatalogueEntry[]);
}

export function portsForRegistry(registry: NodeRegistry = createBuiltinRegistry()): PortsFor {
  return (type, config) => {
    const nodeType = registry.get(type);
    if (nodeType === undefined) return undefined;
    return { inputs: nodeType.inputPorts(config), outputs: nodeType.outputPorts(config) };
  };
}
