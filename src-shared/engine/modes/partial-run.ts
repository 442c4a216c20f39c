import { OperonError } from '../../errors/operon-error.ts';
import { topologicalOrder } from '../../workflow/graph.ts';
import type { Workflow, WorkflowEdge, WorkflowNode } from '../../workflow/schema.ts';
import type { ReusedNode, RunRequest } from '../api.ts';
import { canonicalJson } from '../canonical-json.ts';
import type { EngineEvent } from '../events.ts';
import { replayEvents } from '../run-state.ts';
import { OUTPUT_NODE_TYPE } from '../run-totals.ts';

/** A node's output pinned for design runs: the run settles the node with it instead of running it. */
export interface PinnedOutput {
  outputs: Record<string, unknown>;
}

/** A finished run to take outputs from: its id, the workflow snapshot it ran, and its logged events. */
export interface PastRun {
  runId: string;
  workflow: Workflow;
  events: readonly EngineEvent[];
  /**
   * Whether a logged output lost a secret to redaction (the host's logs never hold secret values): such an output is
   * not the one the node produced, so the node runs again.
   */
  redacted?: (outputs: Record<string, unknown>) => boolean;
}

export interface PartialRunOptions {
  /** The workflow as it is now (it may have changed since the past run). */
  workflow: Workflow;
  /** Re-run this node and everything downstream of it; the rest reuses `past`'s outputs where it can. */
  fromNode?: string;
  past?: PastRun;
  /** Run only this node and what it depends on. */
  toNode?: string;
  /**
   * The run inputs of the new run (defaults filled). When they differ from the past run's, nothing is reused from it:
   * the trigger emits them and any node may read them (`$run`), so every past output may be stale.
   */
  inputs?: Record<string, unknown>;
  /** Pinned outputs (design runs): these nodes do not run, except the one named by `fromNode`. */
  pins?: Readonly<Record<string, PinnedOutput>>;
}

/** What the engine needs for a partial run, and what the plan could not reuse (to tell the person why). */
export interface PartialRunPlan {
  request: Pick<RunRequest, 'reuse' | 'only' | 'partial'>;
  /** Nodes reused from the past run. */
  reused: string[];
  /** Nodes outside the re-run part that run again anyway, and why. */
  rerun: { nodeId: string; reason: string }[];
}

/**
 * Plans a partial run. From a node: every node not downstream of it keeps the past run's outputs when it finished
 * there, is unchanged since (type, version, config, settings, incoming edges) and all its sources are reused too;
 * anything else runs again (`rerun` says why). Nodes skipped in the past run are not carried over: the engine decides
 * again from their inputs. To a node: only it and its ancestors may run. Pins apply to every node but `fromNode`.
 * Throws OPR-159 for a node the workflow does not have or a past run of another workflow.
 */
export function planPartialRun(options: PartialRunOptions): PartialRunPlan {
  const { workflow, fromNode, toNode, past } = options;
  const ids = new Set(workflow.nodes.map((node) => node.id));
  for (const [role, id] of [
    ['from', fromNode],
    ['to', toNode],
  ] as const) {
    if (id !== undefined && !ids.has(id)) throw new OperonError('OPR-159', `workflow "${workflow.id}" has no node "${id}" to run ${role}`);
  }
  if (fromNode !== undefined && past === undefined) throw new OperonError('OPR-159', `running from node "${fromNode}" needs a past run`);
  if (past !== undefined && past.workflow.id !== workflow.id)
    throw new OperonError('OPR-159', `run ${past.runId} ran workflow "${past.workflow.id}", not "${workflow.id}"`);

  const reuse = new Map<string, ReusedNode>();
  const reused: string[] = [];
  const rerun: { nodeId: string; reason: string }[] = [];
  const outputNodes = new Set(workflow.nodes.filter((node) => node.type === OUTPUT_NODE_TYPE).map((node) => node.id));
  const pins = new Map(
    Object.entries(options.pins ?? {}).filter(([nodeId]) => ids.has(nodeId) && nodeId !== fromNode && !outputNodes.has(nodeId)),
  );
  for (const [nodeId, pin] of pins) reuse.set(nodeId, { outputs: pin.outputs, from: { kind: 'pin' } });

  if (fromNode !== undefined && past !== undefined) {
    const downstream = reachable(fromNode, workflow.edges, 'down');
    const pastRun = replayEvents(
      past.workflow.nodes.map((node) => node.id),
      past.events,
    );
    const pastStates = pastRun.nodes;
    const pinnedThen = new Set(past.events.flatMap((e) => (e.type === 'node.reused' && e.from.kind === 'pin' ? [e.nodeId] : [])));
    const inputsChanged = options.inputs !== undefined && canonicalJson(options.inputs) !== canonicalJson(pastRun.inputs);
    const pastNodes = new Map(past.workflow.nodes.map((node) => [node.id, node]));
    const incoming = groupIncoming(workflow.edges);
    const pastIncoming = groupIncoming(past.workflow.edges);
    const byId = new Map(workflow.nodes.map((node) => [node.id, node]));
    const order = topologicalOrder([...ids], workflow.edges).map((id) => byId.get(id)!);
    /** Nodes whose outputs in this run are the ones they had in the past run: what depends on them still holds. */
    const asBefore = new Set<string>();
    for (const node of order) {
      // An Output node has no outputs to reuse (the run's output is its input): it runs again, which costs nothing.
      if (downstream.has(node.id) || outputNodes.has(node.id)) continue;
      const state = pastStates.get(node.id);
      const prior = pastNodes.get(node.id);
      const pin = pins.get(node.id);
      if (pin !== undefined) {
        if (state !== undefined && canonicalJson(pin.outputs) === canonicalJson(state.outputs)) asBefore.add(node.id);
        continue;
      }
      const reason = inputsChanged
        ? `the run inputs differ from run ${past.runId}'s`
        : prior === undefined || state === undefined
          ? `it is not in run ${past.runId}`
          : changed(node, prior, incoming.get(node.id) ?? [], pastIncoming.get(node.id) ?? [])
            ? `it changed since run ${past.runId}`
            : pinnedThen.has(node.id)
              ? `its outputs in run ${past.runId} were pinned, and it is not pinned now`
              : !hasOutputs(state.status, state.errorHandled)
                ? `it ${state.status === 'failed' ? 'failed' : `was ${state.status}`} in run ${past.runId}`
                : past.redacted?.(state.outputs) === true
                  ? `its outputs in run ${past.runId} held a secret, which run logs do not keep`
                  : sourceNotAsBefore(incoming.get(node.id) ?? [], asBefore, pins, past.runId);
      if (reason === undefined) {
        reuse.set(node.id, {
          outputs: state!.outputs,
          from: { kind: 'run', runId: past.runId },
          ...(state!.errorHandled === undefined ? {} : { errorHandled: state!.errorHandled }),
        });
        reused.push(node.id);
        asBefore.add(node.id);
      } else if (!(state?.status === 'skipped' && reason.startsWith('it was skipped'))) {
        rerun.push({ nodeId: node.id, reason });
      }
    }
  }

  let only: RunRequest['only'];
  if (toNode !== undefined) {
    const nodes = reachable(toNode, workflow.edges, 'up');
    only = { nodes, outsideReason: `outside the partial run: only "${toNode}" and the nodes it depends on run` };
    for (const id of reuse.keys()) if (!nodes.has(id)) reuse.delete(id);
  }
  const partial = {
    ...(past === undefined ? {} : { fromRunId: past.runId }),
    ...(fromNode === undefined ? {} : { fromNode }),
    ...(toNode === undefined ? {} : { toNode }),
  };
  return {
    request: {
      ...(reuse.size === 0 ? {} : { reuse }),
      ...(only === undefined ? {} : { only }),
      ...(Object.keys(partial).length === 0 ? {} : { partial }),
    },
    reused: reused.filter((id) => reuse.has(id)),
    rerun: rerun.filter(({ nodeId }) => only === undefined || only.nodes.has(nodeId)),
  };
}

/** Why a node cannot reuse its past outputs: one of its sources will not give it what it gave in the past run. */
function sourceNotAsBefore(
  incoming: readonly WorkflowEdge[],
  asBefore: ReadonlySet<string>,
  pins: ReadonlyMap<string, PinnedOutput>,
  runId: string,
): string | undefined {
  const edge = incoming.find((e) => !asBefore.has(e.source));
  if (edge === undefined) return undefined;
  const why = pins.has(edge.source) ? `is pinned to other outputs than it had in run ${runId}` : 'runs again';
  return `its input "${edge.targetPort}" comes from "${edge.source}", which ${why}`;
}

function hasOutputs(status: string, errorHandled: string | undefined): boolean {
  return status === 'succeeded' || status === 'cached' || status === 'reused' || (status === 'failed' && errorHandled !== undefined);
}

function changed(now: WorkflowNode, before: WorkflowNode, edgesNow: WorkflowEdge[], edgesBefore: WorkflowEdge[]): boolean {
  const shape = (node: WorkflowNode, edges: WorkflowEdge[]) =>
    canonicalJson({
      type: node.type,
      typeVersion: node.typeVersion,
      config: node.config,
      settings: node.settings ?? {},
      in: edges.map((edge) => `${edge.source}.${edge.sourcePort}>${edge.targetPort}`).sort(),
    });
  return shape(now, edgesNow) !== shape(before, edgesBefore);
}

function groupIncoming(edges: readonly WorkflowEdge[]): Map<string, WorkflowEdge[]> {
  const incoming = new Map<string, WorkflowEdge[]>();
  for (const edge of edges) incoming.set(edge.target, [...(incoming.get(edge.target) ?? []), edge]);
  return incoming;
}

/** `start` and every node reachable from it following edges downstream, or upstream. */
function reachable(start: string, edges: readonly WorkflowEdge[], direction: 'up' | 'down'): Set<string> {
  const next = new Map<string, string[]>();
  for (const edge of edges) {
    const [from, to] = direction === 'down' ? [edge.source, edge.target] : [edge.target, edge.source];
    next.set(from, [...(next.get(from) ?? []), to]);
  }
  const seen = new Set([start]);
  const stack = [start];
  while (stack.length > 0) {
    for (const id of next.get(stack.pop()!) ?? []) {
      if (seen.has(id)) continue;
      seen.add(id);
      stack.push(id);
    }
  }
  return seen;
}
