import { OperonError } from '../errors/operon-error.ts';
import { isReservedName } from '../limits/reserved-names.ts';
import type { NodeType } from '../nodes/define-node-type.ts';
import type { PortDef } from '../nodes/ports.ts';
import type { NodeRegistry } from '../nodes/registry.ts';
import type { Workflow, WorkflowEdge, WorkflowNode } from './schema.ts';

/** The port every node has for errors it routes (settings.onError = "route"). */
export const ERROR_PORT = 'error';
export const ERROR_PORT_DEF: PortDef = { type: 'object', required: false, label: 'Error' };

/** A node with its type and resolved ports, as the validator and the engine use it. */
export interface GraphNode {
  node: WorkflowNode;
  nodeType: NodeType;
  inputs: Record<string, PortDef>;
  outputs: Record<string, PortDef>;
  /** Edges into this node, by target port. */
  incoming: WorkflowEdge[];
  /** Edges out of this node. */
  outgoing: WorkflowEdge[];
}

/** Index of a workflow whose node types are all known. */
export interface WorkflowGraph {
  nodes: Map<string, GraphNode>;
  /** Node ids in an order where every edge goes forward (only for acyclic graphs). */
  order: string[];
}

/** The output ports of a node, with the error port added when it routes errors. */
export function outputPortsOf(node: WorkflowNode, nodeType: NodeType): Record<string, PortDef> {
  const outputs = nodeType.outputPorts(node.config);
  return node.settings?.onError === 'route' ? { ...outputs, [ERROR_PORT]: ERROR_PORT_DEF } : outputs;
}

/**
 * Builds the index. Assumes a validated workflow: every type known, every edge pointing at a node. A caller that
 * skipped validation still cannot run a reserved name (OPR-021): the engine's port maps are plain objects.
 */
export function buildGraph(workflow: Workflow, registry: NodeRegistry): WorkflowGraph {
  const nodes = new Map<string, GraphNode>();
  for (const edge of workflow.edges) {
    const name = [edge.id, edge.source, edge.sourcePort, edge.target, edge.targetPort].find(isReservedName);
    if (name !== undefined)
      throw new OperonError('OPR-021', `edge "${edge.id}" uses the reserved name "${name}": validate the workflow first`);
  }
  for (const node of workflow.nodes) {
    const nodeType = registry.get(node.type);
    if (nodeType === undefined) throw new Error(`unknown node type "${node.type}" on node "${node.id}"`);
    if (isReservedName(node.id)) throw new OperonError('OPR-021', `node id "${node.id}" is a reserved name: validate the workflow first`);
    nodes.set(node.id, {
      node,
      nodeType,
      inputs: nodeType.inputPorts(node.config),
      outputs: outputPortsOf(node, nodeType),
      incoming: [],
      outgoing: [],
    });
  }
  for (const edge of workflow.edges) {
    nodes.get(edge.source)?.outgoing.push(edge);
    nodes.get(edge.target)?.incoming.push(edge);
  }
  return {
    nodes,
    order: topologicalOrder(
      workflow.nodes.map((n) => n.id),
      workflow.edges,
    ),
  };
}

/** Kahn's algorithm; nodes on a cycle are left out (use `findCycles` to name them). */
export function topologicalOrder(ids: string[], edges: readonly WorkflowEdge[]): string[] {
  const indegree = new Map<string, number>(ids.map((id) => [id, 0]));
  const next = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const edge of edges) {
    if (!indegree.has(edge.source) || !indegree.has(edge.target)) continue;
    indegree.set(edge.target, (indegree.get(edge.target) ?? 0) + 1);
    next.get(edge.source)?.push(edge.target);
  }
  const queue = ids.filter((id) => indegree.get(id) === 0);
  const order: string[] = [];
  for (const id of queue) {
    order.push(id);
    for (const target of next.get(id) ?? []) {
      const left = (indegree.get(target) ?? 0) - 1;
      indegree.set(target, left);
      if (left === 0) queue.push(target);
    }
  }
  return order;
}

/**
 * The strongly connected components with more than one node, or with a self-edge: each is a cycle
 * (Tarjan's algorithm, iterative so a 10,000-node chain does not overflow the stack). Node ids in file order.
 */
export function findCycles(ids: string[], edges: readonly WorkflowEdge[]): string[][] {
  const next = new Map<string, string[]>(ids.map((id) => [id, []]));
  const selfLoops = new Set<string>();
  for (const edge of edges) {
    if (edge.source === edge.target) selfLoops.add(edge.source);
    if (next.has(edge.target)) next.get(edge.source)?.push(edge.target);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  let counter = 0;
  for (const root of ids) {
    if (index.has(root)) continue;
    const work: { id: string; child: number }[] = [{ id: root, child: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1] as { id: string; child: number };
      const children = next.get(frame.id) ?? [];
      if (frame.child < children.length) {
        const child = children[frame.child++]!;
        if (!index.has(child)) {
          index.set(child, counter);
          low.set(child, counter++);
          stack.push(child);
          onStack.add(child);
          work.push({ id: child, child: 0 });
        } else if (onStack.has(child)) {
          low.set(frame.id, Math.min(low.get(frame.id)!, index.get(child)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent !== undefined) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        let member: string | undefined;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.id);
        if (component.length > 1 || selfLoops.has(frame.id)) cycles.push(component);
      }
    }
  }
  const position = new Map(ids.map((id, i) => [id, i]));
  return cycles.map((c) => c.sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0)));
}
