import type { NodeMeasure } from '../../src-shared/run-log/node-measures.ts';
import type { RunComparison } from '../services/run-log/run-comparison.ts';
import { formatDuration, formatUsd } from './format-values.ts';

/**
 * Two runs side by side for a person: a line per run, then a row per node (its label, and its id when that differs)
 * with its status in A and in B, its duration
 * in each, whether its inputs and outputs changed, and the model cost in each when it called a model. Nodes that differ
 * in anything but time are marked `≠`.
 */
export function formatComparison(comparison: RunComparison): string[] {
  const { a, b, nodes, measures, labels } = comparison;
  const runLine = (tag: string, run: RunComparison['a']): string =>
    `${tag}  ${run.runId}  ${run.status.padEnd(9)}  ${run.workflowName ?? run.workflowId}  ${formatDuration(run.endedAt === undefined ? undefined : run.endedAt - run.startedAt)}`;
  const lines = [runLine('A', a), runLine('B', b), ''];
  const withCost = nodes.some(
    (node) => (measures.a.get(node.nodeId)?.modelCalls ?? 0) + (measures.b.get(node.nodeId)?.modelCalls ?? 0) > 0,
  );
  const rows = nodes.map((node) => {
    const mA = measures.a.get(node.nodeId);
    const mB = measures.b.get(node.nodeId);
    const changed = node.statusA !== node.statusB || node.inputs !== 'same' || node.outputs !== 'same';
    return [
      changed ? '≠' : ' ',
      nodeName(labels.get(node.nodeId), node.nodeId),
      node.statusA === node.statusB ? (node.statusA ?? '-') : `${node.statusA ?? '-'} → ${node.statusB ?? '-'}`,
      `${formatDuration(mA?.durationMs)} → ${formatDuration(mB?.durationMs)}`,
      describeChange(node.inputs),
      describeChange(node.outputs),
      ...(withCost ? [`${cost(mA)} → ${cost(mB)}`] : []),
    ];
  });
  const head = [' ', 'node', 'status (A → B)', 'duration', 'inputs', 'outputs', ...(withCost ? ['model cost'] : [])];
  const widths = head.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  lines.push(line(head), ...rows.map(line));
  const differing = rows.filter((row) => row[0] === '≠').length;
  lines.push(
    '',
    differing === 0
      ? 'no node differs'
      : `${differing} of ${rows.length} node${rows.length === 1 ? '' : 's'} differ${differing === 1 ? 's' : ''}`,
  );
  return lines;
}

/** A node as the canvas names it, with the id a command takes (`--node`) when that differs: "Transform (sum)". */
function nodeName(label: string | undefined, nodeId: string): string {
  return label === undefined || label === nodeId ? nodeId : `${label} (${nodeId})`;
}

function describeChange(diff: 'same' | 'different' | 'missing'): string {
  if (diff === 'same') return 'same';
  return diff === 'different' ? 'changed' : 'in one run';
}

function cost(measure: NodeMeasure | undefined): string {
  if (measure === undefined || measure.modelCalls === 0) return '-';
  return formatUsd(measure.costUsd);
}

/** The comparison as JSON for scripts: the runs, and each node's diff with its measures in A and B. */
export function comparisonJson(comparison: RunComparison): Record<string, unknown> {
  const { a, b, nodes, measures, labels } = comparison;
  return {
    a,
    b,
    nodes: nodes.map((node) => ({
      ...node,
      label: labels.get(node.nodeId) ?? node.nodeId,
      a: measures.a.get(node.nodeId) ?? null,
      b: measures.b.get(node.nodeId) ?? null,
    })),
  };
}
