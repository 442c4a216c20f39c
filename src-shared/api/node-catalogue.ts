import { z } from 'zod';
import type { NodeType } from '../nodes/define-node-type.ts';
import type { NodeRegistry } from '../nodes/registry.ts';
import type { NodeTypeInfo } from './schemas.ts';

/**
 * The node types as data for the editor: the config's JSON Schema (input side, so defaulted fields are optional)
 * keeps `.meta({ ui })` hints, from which the inspector derives its forms; ports are those of the default config.
 */
export function nodeCatalogue(registry: NodeRegistry): NodeTypeInfo[] {
  return registry.list().map(describeNodeType);
}

export function describeNodeType(nodeType: NodeType): NodeTypeInfo {
  const defaultConfig = nodeType.config.parse({}) as Record<string, unknown>;
  return {
    type: nodeType.type,
    version: nodeType.version,
    kind: nodeType.kind,
    title: nodeType.title,
    category: nodeType.category,
    description: nodeType.description,
    icon: nodeType.icon,
    summary: nodeType.summary,
    defaultConfig,
    inputs: { ...nodeType.inputPorts(defaultConfig) },
    outputs: { ...nodeType.outputPorts(defaultConfig) },
    configSchema: z.toJSONSchema(nodeType.config, { io: 'input', unrepresentable: 'any' }),
  };
}
