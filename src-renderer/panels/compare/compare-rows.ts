import type { NodeDiff } from '../../../src-shared/run-log/compare-runs-schema.ts';
import type { RunListEntry } from '../../../src-shared/api/schemas.ts';

/** Whether a node differs between the two runs: its status, its inputs or its outputs. */
export function nodeDiffers(diff: NodeDiff): boolean {
  return diff.statusA !== diff.statusB || diff.inputs !== 'same' || diff.outputs !== 'same';
}

/** What the comparison found, in numbers. */
export interface CompareSummary {
  nodes: number;
  differing: number;
  statuses: number;
  inputs: number;
  outputs: number;
}

export function summarize(nodes: readonly NodeDiff[]): CompareSummary {
  const summary: CompareSummary = { nodes: nodes.length, differing: 0, statuses: 0, inputs: 0, outputs: 0 };
  for (const node of nodes) {
    if (nodeDiffers(node)) summary.differing++;
    if (node.statusA !== node.statusB) summary.statuses++;
    if (node.inputs !== 'same') summary.inputs++;
    if (node.outputs !== 'same') summary.outputs++;
  }
  return summary;
}

/** The runs to compare when none were picked: the latest run (B) against the one before it (A). */
export function defaultPair(runs: readonly RunListEntry[]): { a: string | undefined; b: string | undefined } {
  const real = runs.filter((run) => run.kind === 'run');
  return { a: real[1]?.runId, b: real[0]?.runId };
}
