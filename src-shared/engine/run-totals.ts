import type { GraphNode } from '../workflow/graph.ts';
import type { RunTotals } from './events.ts';
import type { LlmTotals } from './llm-totals.ts';
import type { NodeState } from './run-state.ts';

/** The node type whose input becomes a run output, named by its config. */
export const OUTPUT_NODE_TYPE = 'core.output';

/** Adds an Output node's value to the run outputs once the node has produced it (run, cached or reused). */
export function collectOutput(graphNode: GraphNode | undefined, state: NodeState, outputs: Record<string, unknown>): void {
  const produced = state.status === 'succeeded' || state.status === 'cached' || state.status === 'reused';
  if (graphNode?.node.type !== OUTPUT_NODE_TYPE || !produced) return;
  const name = (graphNode.node.config as { name?: unknown }).name;
  if (typeof name === 'string') outputs[name] = state.inputs?.in ?? null;
}

/** The run's totals from its node states: a node the run's cancel stopped (failed with OPR-104) counts as cancelled. */
export function computeTotals(states: Map<string, NodeState>, executions: number, durationMs: number, llm: LlmTotals): RunTotals {
  const totals: RunTotals = {
    ...(llm.calls + llm.cachedCalls > 0 ? { llm } : {}),
    nodes: states.size,
    succeeded: 0,
    failed: 0,
    skipped: 0,
    cached: 0,
    executions,
    durationMs,
  };
  let reused = 0;
  let cancelled = 0;
  for (const state of states.values()) {
    if (state.status === 'failed' && state.error?.code === 'OPR-104') cancelled++;
    else if (state.status === 'succeeded' || state.status === 'failed' || state.status === 'skipped' || state.status === 'cached')
      totals[state.status]++;
    else if (state.status === 'reused') reused++;
  }
  if (reused > 0) totals.reused = reused;
  if (cancelled > 0) totals.cancelled = cancelled;
  return totals;
}
