import type { GraphNode } from '../workflow/graph.ts';
import type { WorkflowEdge } from '../workflow/schema.ts';
import { SETTLED, type NodeState } from './run-state.ts';

export type Readiness = { kind: 'wait' } | { kind: 'skip'; reason: string } | { kind: 'run'; inputs: Record<string, unknown> };

/**
 * Whether a pending node can run now, given the states of the nodes that feed it: the join rules. `all` (the
 * default) skips the node when any input got nothing; `any` runs it with what arrived once every input is settled;
 * `first` runs it on the first arrival.
 */
export function readiness(graphNode: GraphNode, states: Map<string, NodeState>): Readiness {
  if (graphNode.node.settings?.disabled === true) return { kind: 'skip', reason: 'the node is disabled' };
  const join = graphNode.nodeType.joinMode(graphNode.node.config);
  const inputs: Record<string, unknown> = {};
  let settled = 0;
  let arrived = 0;
  let missing: WorkflowEdge | undefined;
  for (const edge of graphNode.incoming) {
    const source = states.get(edge.source)!;
    if (!SETTLED.has(source.status)) continue;
    settled++;
    // Own ports only: `'constructor' in outputs` is true of every object (validation refuses such names anyway).
    if (source.status !== 'skipped' && Object.hasOwn(source.outputs, edge.sourcePort)) {
      arrived++;
      inputs[edge.targetPort] = source.outputs[edge.sourcePort];
    } else {
      missing ??= edge;
    }
  }
  const total = graphNode.incoming.length;
  if (join === 'first' && arrived > 0) return { kind: 'run', inputs };
  if (settled < total) return { kind: 'wait' };
  if (join === 'all' && missing !== undefined) {
    return {
      kind: 'skip',
      reason: `input "${missing.targetPort}" got nothing: "${missing.source}.${missing.sourcePort}" was not produced (branch not taken or skipped)`,
    };
  }
  if (total > 0 && arrived === 0) return { kind: 'skip', reason: 'none of its inputs arrived' };
  return { kind: 'run', inputs };
}
