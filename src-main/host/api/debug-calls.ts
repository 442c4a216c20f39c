import { ApiError } from '../../../src-shared/api/errors.ts';
import type { DebugSession } from '../../../src-shared/engine/debug-session.ts';
import type { CallImpls } from './call-types.ts';

type DebugCalls = 'runs.resume' | 'runs.breakpoints';

/** Finds the session of a debug run this server is running. */
export type DebugSessionLookup = (workspace: string, runId: string) => DebugSession | undefined;

/** Step, Continue and breakpoints of the debug runs this server is running (their sessions: run-calls.ts). */
export function debugCalls(sessionOf: DebugSessionLookup): CallImpls<DebugCalls> {
  const session = (workspace: string, runId: string): DebugSession => {
    const found = sessionOf(workspace, runId);
    if (found === undefined) throw new ApiError('OPR-158', `run ${runId} is not a debug run running here`);
    return found;
  };
  return {
    async 'runs.resume'({ workspace, runId, action, inputs, by }) {
      const debug = session(workspace, runId);
      if (debug.paused() === undefined) throw new ApiError('OPR-158', `run ${runId} is not paused`);
      debug.resume(action, inputs === undefined ? undefined : { inputs, by });
      return Promise.resolve({ runId });
    },
    async 'runs.breakpoints'({ workspace, runId, breakpoints }) {
      const debug = session(workspace, runId);
      debug.setBreakpoints(breakpoints);
      return Promise.resolve({ breakpoints: debug.breakpoints() });
    },
  };
}
