import type { InterruptPolicy, InterruptPolicyHelpers, NodeType } from '../nodes/define-node-type.ts';
import type { ApprovalRequest } from '../nodes/decision.ts';
import type { NodeRegistry } from '../nodes/registry.ts';
import type { GraphNode, WorkflowGraph } from '../workflow/graph.ts';
import type { EventBody } from './events.ts';
import type { NodeState } from './run-state.ts';

/**
 * A resumed run's nodes that were running when its process died (started, not finished): their side effect may have
 * happened. Each type declares what to do (define-node-type.ts `onInterrupted`); this applies it as the run resumes.
 */

/** The interrupt policy of a node of `nodeType` with this (parsed) config; an inner type that is unknown or misconfigured asks. */
export function interruptPolicyOf(registry: NodeRegistry, nodeType: NodeType, config: unknown): InterruptPolicy {
  const helpers: InterruptPolicyHelpers = {
    policyOf: (type, inner) => {
      const innerType = registry.get(type);
      const parsed = innerType?.config.safeParse(inner);
      return innerType === undefined || parsed?.success !== true ? 'ask' : interruptPolicyOf(registry, innerType, parsed.data);
    },
  };
  return nodeType.interruptPolicy(config, helpers);
}

/**
 * For each interrupted node: logs `node.interrupted` with its policy, then either leaves it to run again as the same
 * attempt (`rerun`, `resend`: a waiting node that had its decision keeps it) or makes it wait for a person (`ask`,
 * with a request saying its side effect may have happened; see {@link interruptedRequest}).
 */
export function applyInterruptPolicies(
  graph: WorkflowGraph,
  registry: NodeRegistry,
  nodes: ReadonlyMap<string, NodeState>,
  emit: (body: EventBody) => void,
): void {
  for (const [nodeId, state] of nodes) {
    const attempt = state.interrupted;
    const graphNode = graph.nodes.get(nodeId);
    if (attempt === undefined || graphNode === undefined) continue;
    state.interrupted = undefined;
    const policy = interruptPolicyOf(registry, graphNode.nodeType, graphNode.node.config);
    emit({ type: 'node.interrupted', nodeId, attempt, policy });
    if (policy !== 'ask') continue;
    state.status = 'waiting';
    state.decision = undefined;
    state.request = interruptedRequest(graphNode, attempt, state.inputs);
    emit({ type: 'node.waiting', nodeId, request: state.request });
  }
}

/** What a person is asked about an interrupted node whose type will not run it again on its own. */
export function interruptedRequest(graphNode: GraphNode, attempt: number, inputs: Record<string, unknown> | undefined): ApprovalRequest {
  const { node, nodeType } = graphNode;
  const name = node.label ?? node.id;
  return {
    title: `"${name}" was interrupted`,
    message:
      `The run stopped while "${name}" (${nodeType.title}) was running, so its side effect may have happened. ` +
      'Approve to run it again; reject if it did happen or must not: it fails and is not run again (its on-error setting applies). (OPR-195)',
    data: { node: node.id, type: nodeType.type, attempt, ...(inputs === undefined ? {} : { inputs }) },
    interrupted: { attempt },
  };
}
