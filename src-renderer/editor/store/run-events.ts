import type { EngineEvent } from '../../../src-shared/engine/events.ts';
import type { NodeRunState, RunSlice } from './editor-state.ts';

export const IDLE_RUN: RunSlice = { runId: null, status: 'idle', source: 'live', nodes: {} };

/**
 * Applies one engine event to the watched run's statuses. `run.started` of a top-level run starts watching it;
 * events of other runs (child runs, an older run still finishing) are ignored. Only the node concerned gets a new
 * state object, so a node component selecting its own status re-renders alone.
 */
export function applyRunEvent(run: RunSlice, event: EngineEvent): RunSlice {
  if (event.type === 'run.started') {
    if (event.parent !== undefined && run.runId !== null) return run;
    return { runId: event.runId, status: 'running', source: 'live', nodes: {} };
  }
  if (event.runId !== run.runId) return run;
  switch (event.type) {
    case 'run.resumed':
      return { ...run, status: 'running' };
    case 'run.waiting':
      return { ...run, status: 'waiting' };
    case 'run.finished':
      return { ...run, status: event.status, nodes: withoutPaused(run.nodes) };
    case 'node.queued':
      return setNode(run, event.nodeId, { status: 'queued', ...decided(run.nodes[event.nodeId]) });
    case 'node.paused':
      return setNode(run, event.nodeId, { status: 'paused', pauseReason: event.reason });
    case 'node.override':
      return setNode(run, event.nodeId, { ...run.nodes[event.nodeId], status: 'paused', overridden: true });
    case 'node.started': {
      const overridden = run.nodes[event.nodeId]?.overridden;
      const state: NodeRunState = { status: 'running', attempt: event.attempt, ...decided(run.nodes[event.nodeId]) };
      if (overridden === true) state.overridden = true;
      return setNode(run, event.nodeId, state);
    }
    case 'node.decision':
      return setNode(run, event.nodeId, { status: 'waiting', ...run.nodes[event.nodeId], decision: event.decision.decision });
    case 'node.reused':
      return setNode(run, event.nodeId, { status: 'reused', reusedFrom: event.from });
    case 'node.retry':
      return setNode(run, event.nodeId, { ...run.nodes[event.nodeId], status: 'running', attempt: event.attempt, error: event.error });
    case 'node.error':
      return setNode(run, event.nodeId, { status: 'failed', attempt: event.attempt, error: event.error });
    case 'node.waiting':
      return setNode(run, event.nodeId, { ...run.nodes[event.nodeId], status: 'waiting' });
    case 'node.skipped':
      return setNode(run, event.nodeId, { status: 'skipped', reason: event.reason });
    case 'node.finished': {
      const previous = run.nodes[event.nodeId];
      const state: NodeRunState = {
        status: event.status,
        attempt: event.attempts,
        durationMs: event.durationMs,
        emitted: Object.keys(event.outputs),
      };
      if (previous?.overridden === true) state.overridden = true;
      if (previous?.decision !== undefined) state.decision = previous.decision;
      // A handled error (route / continue) keeps the error it reported, for the inspector.
      if (previous?.error !== undefined && event.status !== 'cached') state.error = previous.error;
      return setNode(run, event.nodeId, state);
    }
    default:
      // node.llm, node.tool, node.memory, node.log, node.partial: details, not statuses.
      return run;
  }
}

/** A person's decision on the node, kept from its earlier state through queued, started and finished. */
function decided(previous: NodeRunState | undefined): Pick<NodeRunState, 'decision'> {
  return previous?.decision === undefined ? {} : { decision: previous.decision };
}

function setNode(run: RunSlice, nodeId: string, state: NodeRunState): RunSlice {
  return { ...run, nodes: { ...run.nodes, [nodeId]: state } };
}

/** Cancelled while held at a pause: the engine says nothing more of the held node, which never started (pending). */
function withoutPaused(nodes: RunSlice['nodes']): RunSlice['nodes'] {
  if (!Object.values(nodes).some((node) => node.status === 'paused')) return nodes;
  return Object.fromEntries(Object.entries(nodes).filter(([, node]) => node.status !== 'paused'));
}
