import type { NodeTypeInfo } from '../../src-shared/api/schemas.ts';
import type { PortDef } from '../../src-shared/nodes/ports.ts';

/** The drag-and-drop data type of a node type dragged from the palette onto the canvas. */
export const PALETTE_MIME = 'application/x-operon-node-type';

/** A JSON Schema object, as `z.toJSONSchema` writes it (with `ui` hints and `description`s). */
export type JsonSchema = Record<string, unknown>;

/**
 * What the editor knows about one node type: the API contract's entry (`nodeTypes.catalogue`), so the two cannot
 * drift. Ports are those of the default config; a type with config-dependent ports is resolved through `PortsFor`.
 */
export type CatalogueEntry = NodeTypeInfo;

/** The ports of a node type for one config; undefined for an unknown type. */
export interface NodePorts {
  inputs: Record<string, PortDef>;
  outputs: Record<string, PortDef>;
}

/**
 * Computes a node's ports from its config (Router routes, Merge inputs). In the app it wraps the shared
 * registry (pure TypeScript, so it runs in the browser); without one, the catalogue's static ports are used.
 */
export type PortsFor = (type: string, config: Record<string, unknown>) => NodePorts | undefined;

/** Node types by id. */
export type Catalogue = ReadonlyMap<string, CatalogueEntry>;

export function createCatalogue(entries: readonly CatalogueEntry[]): Catalogue {
  return new Map(entries.map((entry) => [entry.type, entry]));
}

/** A `PortsFor` that ignores the config: the catalogue's ports for the default config. */
export function staticPortsFor(catalogue: Catalogue): PortsFor {
  return (type) => {
    const entry = catalogue.get(type);
    return entry === undefined ? undefined : { inputs: entry.inputs, outputs: entry.outputs };
  };
}
