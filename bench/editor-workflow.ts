import { createBuiltinRegistry } from '../src-shared/nodes/builtin.ts';
import { CURRENT_SCHEMA_VERSION, type WorkflowInput } from '../src-shared/workflow/schema.ts';
import { validateWorkflow } from '../src-shared/workflow/validate.ts';

type NodeDoc = WorkflowInput['nodes'][number];
type EdgeDoc = WorkflowInput['edges'][number];

export interface EditorBenchWorkflow {
  id: string;
  /** The document as `workflows.import` takes it. */
  text: string;
  nodes: number;
  edges: number;
}

/**
 * A layered DAG on a grid: a manual trigger, then layers of `width` nodes (one column each), each node fed from the
 * layer before. Every input port takes one edge, so the edges beyond one per node come from `core.merge` nodes with
 * `mergeInputs` inputs each; the last `outputs` nodes are `core.output`, the rest `core.transform`.
 *
 * nodes = 1 + transforms + merges + outputs; edges = transforms + outputs + merges × mergeInputs.
 */
export function layeredWorkflow(options: {
  nodes: number;
  edges: number;
  width?: number;
  outputs?: number;
  mergeInputs?: number;
}): EditorBenchWorkflow {
  const width = options.width ?? 20;
  const outputs = options.outputs ?? 10;
  const mergeInputs = options.mergeInputs ?? 4;
  const slots = options.nodes - 1;
  const extra = options.edges - slots;
  if (extra < 0 || extra % (mergeInputs - 1) !== 0)
    throw new Error(`cannot make ${options.edges} edges over ${options.nodes} nodes with ${mergeInputs}-input merges`);
  const merges = extra / (mergeInputs - 1);

  // Merges go evenly over the slots from the second layer to the outputs (the first layer has a single source).
  const mergeSlots = new Set<number>();
  const firstMergeable = width;
  const lastMergeable = slots - outputs - 1;
  if (lastMergeable - firstMergeable + 1 < merges) throw new Error(`not enough room for ${merges} merge nodes`);
  for (let k = 0; k < merges; k++) mergeSlots.add(firstMergeable + Math.floor((k * (lastMergeable - firstMergeable + 1)) / merges));

  const id = `editor-bench-${options.nodes}`;
  const nodes: NodeDoc[] = [
    { id: 'trigger', type: 'core.manual-trigger', typeVersion: 1, position: { x: 0, y: ((width - 1) * 150) / 2 }, config: {} },
  ];
  const edges: EdgeDoc[] = [];
  let previous = ['trigger'];
  let current: string[] = [];
  for (let i = 0; i < slots; i++) {
    const layer = Math.floor(i / width) + 1;
    const row = i % width;
    if (row === 0 && i > 0) {
      previous = current;
      current = [];
    }
    const position = { x: layer * 300, y: row * 150 };
    const source = (offset: number): string => previous[(row + offset) % previous.length] ?? 'trigger';
    let nodeId: string;
    if (i >= slots - outputs) {
      nodeId = `out${i - (slots - outputs) + 1}`;
      nodes.push({ id: nodeId, type: 'core.output', typeVersion: 1, position, config: { name: nodeId } });
      edges.push({ id: `e${edges.length + 1}`, source: source(0), sourcePort: 'out', target: nodeId, targetPort: 'in' });
    } else if (mergeSlots.has(i)) {
      nodeId = `m${i + 1}`;
      nodes.push({ id: nodeId, type: 'core.merge', typeVersion: 1, position, config: { mode: 'all', inputs: mergeInputs } });
      for (let port = 1; port <= mergeInputs; port++)
        edges.push({
          id: `e${edges.length + 1}`,
          source: source((port - 1) * 5),
          sourcePort: 'out',
          target: nodeId,
          targetPort: `in${port}`,
        });
    } else {
      nodeId = `t${i + 1}`;
      nodes.push({ id: nodeId, type: 'core.transform', typeVersion: 1, position, config: { expression: '$' } });
      edges.push({ id: `e${edges.length + 1}`, source: source(0), sourcePort: 'out', target: nodeId, targetPort: 'in' });
    }
    current.push(nodeId);
  }

  const doc: WorkflowInput = { schemaVersion: CURRENT_SCHEMA_VERSION, id, name: `Editor bench (${options.nodes} nodes)`, nodes, edges };
  const checked = validateWorkflow(doc, createBuiltinRegistry());
  if (!checked.ok) throw new Error(`editor bench workflow does not validate: ${checked.problems.map((p) => p.message).join('; ')}`);
  if (nodes.length !== options.nodes || edges.length !== options.edges)
    throw new Error(`generated ${nodes.length} nodes and ${edges.length} edges, wanted ${options.nodes} and ${options.edges}`);
  return { id, text: JSON.stringify(doc, null, 2), nodes: nodes.length, edges: edges.length };
}
