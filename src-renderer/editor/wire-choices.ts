import type { PortDef } from '../../src-shared/nodes/ports.ts';
import { portTypesCompatible } from '../../src-shared/nodes/ports.ts';
import type { Catalogue, CatalogueEntry, PortsFor } from './catalogue.ts';

/** The end of a wire being drawn: which node and port it starts from, and whether that port is an output or an input. */
export interface WireEnd {
  nodeId: string;
  port: string;
  /** `source`: the wire leaves an output (the new node's input takes it); `target`: it leaves an input. */
  side: 'source' | 'target';
}

/** A node type a wire can reach, with the port of the new node that the wire connects to. */
export interface WireChoice {
  entry: CatalogueEntry;
  port: string;
}

/**
 * The node types that can take the wire, in catalogue order, each with its first compatible port (of its default
 * config): inputs for a wire leaving an output, outputs for one leaving an input. Triggers have no inputs, so a wire
 * leaving an output never offers them. With no wire, every type (port empty).
 */
export function wireChoices(catalogue: Catalogue, portsFor: PortsFor, from: PortDef | undefined, side?: WireEnd['side']): WireChoice[] {
  const choices: WireChoice[] = [];
  for (const entry of catalogue.values()) {
    if (from === undefined || side === undefined) {
      choices.push({ entry, port: '' });
      continue;
    }
    const ports = portsFor(entry.type, entry.defaultConfig) ?? { inputs: entry.inputs, outputs: entry.outputs };
    const candidates = side === 'source' ? ports.inputs : ports.outputs;
    const port = Object.entries(candidates).find(([, def]) =>
      side === 'source' ? portTypesCompatible(from.type, def.type) : portTypesCompatible(def.type, from.type),
    )?.[0];
    if (port !== undefined) choices.push({ entry, port });
  }
  return choices;
}

/** Choices whose title, type, category or description contain every word of `query` (case-insensitive). */
export function filterChoices(choices: readonly WireChoice[], query: string): WireChoice[] {
  const words = query
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word !== '');
  if (words.length === 0) return choices.slice();
  return choices.filter(({ entry }) => {
    const text = `${entry.title} ${entry.type} ${entry.category} ${entry.description}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
}

/**
 * The first (output, input) pair that can carry a value from a node with `outputs` into one with `inputs`, preferring
 * outputs in their declared order (the main output before an error port).
 */
export function firstLink(
  outputs: Readonly<Record<string, PortDef>>,
  inputs: Readonly<Record<string, PortDef>>,
): { output: string; input: string } | undefined {
  for (const [output, out] of Object.entries(outputs)) {
    const input = Object.entries(inputs).find(([, def]) => portTypesCompatible(out.type, def.type))?.[0];
    if (input !== undefined) return { output, input };
  }
  return undefined;
}
