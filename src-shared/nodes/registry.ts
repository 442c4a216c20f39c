import type { NodeType } from './define-node-type.ts';

/** Looks node types up by id. The engine, the validator, the CLI and the editor's palette all read one. */
export interface NodeRegistry {
  get(type: string): NodeType | undefined;
  list(): readonly NodeType[];
}

/** Builds a registry; a duplicate type id is a programming error and throws. */
export function createRegistry(types: readonly NodeType[]): NodeRegistry {
  const byId = new Map<string, NodeType>();
  for (const nodeType of types) {
    if (byId.has(nodeType.type)) throw new Error(`node type "${nodeType.type}" is registered twice`);
    byId.set(nodeType.type, nodeType);
  }
  return { get: (type) => byId.get(type), list: () => [...byId.values()] };
}
