import { canonicalJson } from '../engine/canonical-json.ts';
import type { EngineEvent, NodeStatus } from '../engine/events.ts';
import type { NodeDiff } from './compare-runs-schema.ts';
import { buildTimeline } from './timeline.ts';
import { isValueRef } from './value-ref.ts';

/** What a run did with one node, as far as a comparison cares. */
interface NodeValues {
  status: NodeStatus;
  inputs: Record<string, unknown> | undefined;
  outputs: Record<string, unknown> | undefined;
}

/**
 * Which nodes differ between two runs, from their logged events (value refs unresolved): each node's final status,
 * its final inputs (the last attempt's, or the override's; a node held at a pause that never started has the pause's)
 * and its outputs (finished or reused). Values compare by content with canonical JSON; a stored large value compares
 * by its ref, which names the hash of its content. Nodes come in order of first appearance in A, then those only in B.
 * Each log's run is the one its first event belongs to (events of child runs are left out).
 */
export function compareRuns(eventsA: readonly EngineEvent[], eventsB: readonly EngineEvent[]): NodeDiff[] {
  const a = nodeValues(eventsA);
  const b = nodeValues(eventsB);
  const ids = [...new Set([...a.keys(), ...b.keys()])];
  return ids.map((nodeId) => {
    const left = a.get(nodeId);
    const right = b.get(nodeId);
    return {
      nodeId,
      statusA: left?.status ?? null,
      statusB: right?.status ?? null,
      inputs: diffValue(left?.inputs, right?.inputs),
      outputs: diffValue(left?.outputs, right?.outputs),
    };
  });
}

function nodeValues(events: readonly EngineEvent[]): Map<string, NodeValues> {
  const runId = events[0]?.runId;
  const nodes = new Map<string, NodeValues & { fromAttempt: boolean }>();
  if (runId === undefined) return new Map();
  for (const row of buildTimeline(runId, events).rows)
    nodes.set(row.nodeId, { status: row.status, inputs: undefined, outputs: undefined, fromAttempt: false });
  for (const event of events) {
    if (event.runId !== runId || !('nodeId' in event)) continue;
    const node = nodes.get(event.nodeId);
    if (node === undefined) continue;
    if (event.type === 'node.started' || event.type === 'node.override') {
      node.inputs = event.inputs;
      node.fromAttempt = true;
    } else if (event.type === 'node.paused' && !node.fromAttempt) node.inputs = event.inputs;
    else if (event.type === 'node.finished' || event.type === 'node.reused') node.outputs = event.outputs;
  }
  return nodes;
}

function diffValue(a: unknown, b: unknown): NodeDiff['inputs'] {
  if (a === undefined && b === undefined) return 'same';
  if (a === undefined || b === undefined) return 'missing';
  return comparable(a) === comparable(b) ? 'same' : 'different';
}

/** Canonical JSON with every value ref reduced to its `$ref` (the hash of the stored value). */
function comparable(value: unknown): string {
  return canonicalJson(refsByName(value));
}

function refsByName(value: unknown): unknown {
  if (isValueRef(value)) return { $ref: value.$ref };
  if (Array.isArray(value)) return value.map(refsByName);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, refsByName(item)]));
}
