import { createBuiltinRegistry } from '../src-shared/nodes/builtin.ts';
import { CURRENT_SCHEMA_VERSION, type Workflow, type WorkflowInput } from '../src-shared/workflow/schema.ts';
import { validateWorkflow } from '../src-shared/workflow/validate.ts';

type NodeDoc = WorkflowInput['nodes'][number];
type EdgeDoc = WorkflowInput['edges'][number];

/** The run inputs every bench workflow gets; the trigger emits them. */
export const BENCH_INPUTS = { n: 0 };

/** A workflow built in memory and validated, with what a correct run of it must produce. */
export interface BenchWorkflow {
  workflow: Workflow;
  /** Nodes that run (every node in the workflow). */
  nodes: number;
  /** Events a correct run emits: run.started, queued/started/finished per node, run.finished. */
  events: number;
  /** The run outputs a correct run returns. */
  outputs: Record<string, unknown>;
  /** Milliseconds `validateWorkflow` took. */
  validateMs: number;
}

const trigger: NodeDoc = { id: 'trigger', type: 'core.manual-trigger', typeVersion: 1, position: { x: 0, y: 0 }, config: {} };

function transform(id: string, expression: string, x: number, y: number): NodeDoc {
  return { id, type: 'core.transform', typeVersion: 1, position: { x, y }, config: { expression } };
}

function edge(source: string, sourcePort: string, target: string, targetPort: string): EdgeDoc {
  return { id: `${source}-${target}`, source, sourcePort, target, targetPort };
}

function document(id: string, nodes: NodeDoc[], edges: EdgeDoc[], concurrency: number): WorkflowInput {
  return { schemaVersion: CURRENT_SCHEMA_VERSION, id, name: id, nodes, edges, settings: { concurrency } };
}

function validated(doc: WorkflowInput, outputs: Record<string, unknown>): BenchWorkflow {
  const started = performance.now();
  const checked = validateWorkflow(doc, createBuiltinRegistry());
  const validateMs = performance.now() - started;
  if (!checked.ok) throw new Error(`bench workflow ${doc.id} does not validate: ${checked.problems.map((p) => p.message).join('; ')}`);
  const nodes = checked.workflow.nodes.length;
  return { workflow: checked.workflow, nodes, events: 3 * nodes + 2, outputs, validateMs };
}

/**
 * trigger → t1 → t2 → … → t`length` → output. Each transform adds one (`n + 1`, then `$ + 1`), so the output is
 * `length`: a run that skipped or repeated a node returns the wrong number.
 */
export function chainWorkflow(length: number): BenchWorkflow {
  const nodes: NodeDoc[] = [trigger];
  const edges: EdgeDoc[] = [];
  let previous = { id: 'trigger', port: 'out' };
  for (let i = 1; i <= length; i++) {
    const id = `t${i}`;
    nodes.push(transform(id, i === 1 ? 'n + 1' : '$ + 1', i * 200, 0));
    edges.push(edge(previous.id, previous.port, id, 'in'));
    previous = { id, port: 'out' };
  }
  nodes.push({ id: 'result', type: 'core.output', typeVersion: 1, position: { x: (length + 1) * 200, y: 0 }, config: { name: 'result' } });
  edges.push(edge(previous.id, previous.port, 'result', 'in'));
  // A chain has one ready node at a time: concurrency does not matter.
  return validated(document(`chain-${length}`, nodes, edges, 8), { result: BENCH_INPUTS.n + length });
}

/** One trigger feeding `width` independent transforms (`n + 1` each), run `concurrency` at a time. */
export function fanOutWorkflow(width: number, concurrency: number): BenchWorkflow {
  const nodes: NodeDoc[] = [trigger];
  const edges: EdgeDoc[] = [];
  for (let i = 1; i <= width; i++) {
    const id = `f${i}`;
    nodes.push(transform(id, 'n + 1', 200, i * 100));
    edges.push(edge('trigger', 'out', id, 'in'));
  }
  return validated(document(`fan-out-${width}`, nodes, edges, concurrency), {});
}

/**
 * trigger → w1 → … → w`length`: Write file nodes appending to one file, each writing what the one before it returned.
 * Appending is not safe to do twice, so each node's start is stored before it writes (its interrupt policy is `ask`):
 * against chainWorkflow's pure nodes, this prices that flush. Each write also logs a line (a fourth event a node).
 */
export function appendChainWorkflow(length: number): BenchWorkflow {
  const nodes: NodeDoc[] = [trigger];
  const edges: EdgeDoc[] = [];
  let previous = 'trigger';
  for (let i = 1; i <= length; i++) {
    const id = `w${i}`;
    const config = { path: 'bench/appended.jsonl', format: 'jsonl', mode: 'append' };
    nodes.push({ id, type: 'core.write-file', typeVersion: 1, position: { x: i * 200, y: 0 }, config });
    edges.push(edge(previous, 'out', id, 'in'));
    previous = id;
  }
  const bench = validated(document(`append-chain-${length}`, nodes, edges, 8), {});
  return { ...bench, events: bench.events + length };
}
