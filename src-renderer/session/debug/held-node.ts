import { canonicalJson } from '../../../src-shared/engine/canonical-json.ts';
import { parseJson } from '../../editor/forms/index.ts';

/** The node a paused debug run holds: why, the inputs it would start with, and the person's edit of them. */
export interface HeldNode {
  nodeId: string;
  reason: 'breakpoint' | 'step';
  /** The resolved inputs the run paused with. */
  inputs: Record<string, unknown>;
  /** The inputs as the person edits them (JSON). */
  text: string;
  /** Why `text` is not usable inputs, if it is not. */
  error: string | undefined;
}

export function heldNode(nodeId: string, reason: HeldNode['reason'], inputs: Record<string, unknown>): HeldNode {
  return { nodeId, reason, inputs, text: JSON.stringify(inputs, null, 2), error: undefined };
}

/** The held node with its inputs text edited (and checked: a JSON object). */
export function editHeldInputs(held: HeldNode, text: string): HeldNode {
  const check = parseJson(text);
  const error = !check.ok ? check.message : isRecord(check.value) ? undefined : 'inputs are a JSON object';
  return { ...held, text, error };
}

/**
 * What to send with Step or Continue: no inputs when the person left them as they were (equal JSON, whatever the
 * key order or spacing), else the edited inputs (a manual override). Undefined result: the text is not usable.
 */
export function overrideOf(held: HeldNode): { inputs?: Record<string, unknown> } | undefined {
  const check = parseJson(held.text);
  if (!check.ok || !isRecord(check.value)) return undefined;
  return canonicalJson(check.value) === canonicalJson(held.inputs) ? {} : { inputs: check.value };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
