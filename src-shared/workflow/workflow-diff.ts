import type { Workflow, WorkflowEdge, WorkflowNode } from './schema.ts';

/** What a saved change did to a workflow, as the audit trail records it: nodes by label, edges by count. */
export interface WorkflowChange {
  nodesAdded: string[];
  nodesRemoved: string[];
  /** Nodes whose type, label, notes, config or settings changed (a move alone is not a change). */
  nodesChanged: string[];
  /** How many nodes only moved on the canvas. */
  nodesMoved: number;
  edgesAdded: number;
  edgesRemoved: number;
  /** The workflow's own fields that changed: `name`, `description`, `inputs`, `stickyNotes`, `settings.<key>`. */
  fieldsChanged: string[];
}

/** The change from `before` to `after` (two versions of one workflow file). */
export function diffWorkflows(before: Workflow, after: Workflow): WorkflowChange {
  const old = new Map(before.nodes.map((node) => [node.id, node]));
  const now = new Map(after.nodes.map((node) => [node.id, node]));
  const change: WorkflowChange = {
    nodesAdded: after.nodes.filter((node) => !old.has(node.id)).map(labelOf),
    nodesRemoved: before.nodes.filter((node) => !now.has(node.id)).map(labelOf),
    nodesChanged: [],
    nodesMoved: 0,
    edgesAdded: 0,
    edgesRemoved: 0,
    fieldsChanged: [],
  };
  for (const node of after.nodes) {
    const was = old.get(node.id);
    if (was === undefined) continue;
    if (canonical(withoutPosition(was)) !== canonical(withoutPosition(node))) change.nodesChanged.push(labelOf(node));
    else if (canonical(was.position) !== canonical(node.position)) change.nodesMoved += 1;
  }
  const oldEdges = new Set(before.edges.map(edgeKey));
  const newEdges = new Set(after.edges.map(edgeKey));
  change.edgesAdded = [...newEdges].filter((key) => !oldEdges.has(key)).length;
  change.edgesRemoved = [...oldEdges].filter((key) => !newEdges.has(key)).length;
  for (const field of ['name', 'description', 'inputs', 'stickyNotes'] as const)
    if (canonical(before[field]) !== canonical(after[field])) change.fieldsChanged.push(field);
  const settingKeys = new Set([...Object.keys(before.settings), ...Object.keys(after.settings)]);
  for (const key of [...settingKeys].sort())
    if (canonical(settingOf(before, key)) !== canonical(settingOf(after, key))) change.fieldsChanged.push(`settings.${key}`);
  return change;
}

/** Whether the change changed nothing (the same file saved again). */
export function isNoChange(change: WorkflowChange): boolean {
  return (
    change.nodesAdded.length + change.nodesRemoved.length + change.nodesChanged.length + change.fieldsChanged.length === 0 &&
    change.nodesMoved + change.edgesAdded + change.edgesRemoved === 0
  );
}

/** One line a person reads: `added "Fetch"; changed "Approve"; 2 edges added; settings.concurrency changed`. */
export function describeChange(change: WorkflowChange): string {
  const names = (labels: string[]) => labels.map((label) => `"${label}"`).join(', ');
  const parts = [
    change.nodesAdded.length > 0 ? `added ${names(change.nodesAdded)}` : '',
    change.nodesRemoved.length > 0 ? `removed ${names(change.nodesRemoved)}` : '',
    change.nodesChanged.length > 0 ? `changed ${names(change.nodesChanged)}` : '',
    change.nodesMoved > 0 ? `${count(change.nodesMoved, 'node')} moved` : '',
    change.edgesAdded > 0 ? `${count(change.edgesAdded, 'edge')} added` : '',
    change.edgesRemoved > 0 ? `${count(change.edgesRemoved, 'edge')} removed` : '',
    change.fieldsChanged.length > 0 ? `${change.fieldsChanged.join(', ')} changed` : '',
  ].filter((part) => part !== '');
  return parts.length === 0 ? 'no change' : parts.join('; ');
}

function count(n: number, noun: string): string {
  return `${n} ${n === 1 ? noun : `${noun}s`}`;
}

function labelOf(node: WorkflowNode): string {
  const label = node.label?.trim();
  return label === undefined || label === '' ? node.id : label;
}

function withoutPosition(node: WorkflowNode): Omit<WorkflowNode, 'position'> {
  const { position: _position, ...rest } = node;
  return rest;
}

function edgeKey(edge: WorkflowEdge): string {
  return JSON.stringify([edge.source, edge.sourcePort, edge.target, edge.targetPort]);
}

function settingOf(workflow: Workflow, key: string): unknown {
  return (workflow.settings as Record<string, unknown>)[key];
}

/** JSON with object keys sorted, so two equal values give the same text whatever their key order. */
function canonical(value: unknown): string {
  return (
    JSON.stringify(value, (_key, inner: unknown) =>
      typeof inner === 'object' && inner !== null && !Array.isArray(inner)
        ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
        : inner,
    ) ?? 'undefined'
  );
}
