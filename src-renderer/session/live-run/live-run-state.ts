import type { EngineEvent } from '../../../src-shared/engine/events.ts';
import { addLlmCall, emptyLlmTotals, type LlmTotals } from '../../../src-shared/engine/llm-totals.ts';
import { heldNode, type HeldNode } from '../debug/held-node.ts';

export interface PendingApproval {
  nodeId: string;
  title: string;
  message: string;
  data?: unknown;
}

/** What the run session knows of the run it watches, beyond the statuses the editor store draws. */
export interface WatchedRunState {
  /** The last finished run's outputs. */
  outputs: Record<string, unknown> | undefined;
  approvals: readonly PendingApproval[];
  /** Why the last start, decision or run failed. */
  error: string | undefined;
  /** The watched run has started and not finished. */
  live: boolean;
  /** The watched run is a debug run (it pauses at breakpoints and when stepping). */
  debug: boolean;
  /** The node a paused debug run holds. */
  held: HeldNode | undefined;
  /**
   * The run stopped part way because the process running it went away (the desktop app's engine restarted): status
   * running, no process carrying it out. `runs.continueInterrupted` continues it.
   */
  interrupted: boolean;
  /** Model calls so far, their tokens and cost: added up as the run's `node.llm` events arrive, the run's own totals once it finished. */
  llm: LlmTotals;
}

/** The fields of {@link WatchedRunState}, for copying them from a live view. */
export const WATCHED_KEYS = [
  'outputs',
  'approvals',
  'error',
  'live',
  'debug',
  'held',
  'interrupted',
  'llm',
] as const satisfies readonly (keyof WatchedRunState)[];

/** A watched run before its first event. */
export const EMPTY_WATCHED_RUN: WatchedRunState = {
  outputs: undefined,
  approvals: [],
  error: undefined,
  live: false,
  debug: false,
  held: undefined,
  interrupted: false,
  llm: emptyLlmTotals(),
};

/** The changes one event of the watched (top-level) run makes to the session, if any. */
export function watchedRunChanges(state: WatchedRunState, event: EngineEvent): Partial<WatchedRunState> | undefined {
  switch (event.type) {
    case 'run.started':
      return { live: true, debug: event.debug === true, held: undefined, interrupted: false, llm: emptyLlmTotals() };
    case 'node.llm':
      return { llm: withLlmCall(state.llm, event) };
    case 'run.resumed':
      return { live: true, interrupted: false };
    case 'node.paused':
      return { held: heldNode(event.nodeId, event.reason, event.inputs) };
    case 'node.started':
      return state.held?.nodeId === event.nodeId ? { held: undefined } : undefined;
    case 'node.waiting':
      return {
        approvals: [
          ...state.approvals.filter((a) => a.nodeId !== event.nodeId),
          { nodeId: event.nodeId, title: event.request.title, message: event.request.message, data: event.request.data },
        ],
      };
    case 'node.finished':
    case 'node.error':
    case 'node.skipped': {
      const changes: Partial<WatchedRunState> = {};
      if (state.approvals.some((a) => a.nodeId === event.nodeId))
        changes.approvals = state.approvals.filter((a) => a.nodeId !== event.nodeId);
      if (state.held?.nodeId === event.nodeId) changes.held = undefined;
      return changes;
    }
    case 'run.finished':
      return {
        outputs: event.outputs,
        approvals: [],
        held: undefined,
        live: false,
        interrupted: false,
        error: event.error === undefined ? undefined : event.error.message,
        llm: event.totals.llm ?? state.llm,
      };
    default:
      return undefined;
  }
}

/** The totals with one more model call (a new object: the view's readers compare by reference). */
function withLlmCall(totals: LlmTotals, call: Extract<EngineEvent, { type: 'node.llm' }>): LlmTotals {
  const next = { ...totals, tokens: { ...totals.tokens } };
  addLlmCall(next, call);
  return next;
}
