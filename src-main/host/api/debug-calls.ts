import { API_ERROR_CODES, ApiError } from '../../../src-shared/api/errors.ts';
import { hasRedactedSecret } from '../../services/secrets.ts';
import type { DebugSession } from '../../../src-shared/engine/modes/debug-session.ts';
import type { CallImpls } from './call-types.ts';

type DebugCalls = 'runs.resume' | 'runs.breakpoints';

/** Finds the session of a debug run this server is running. */
export type DebugSessionLookup = (workspace: string, runId: string) => DebugSession | undefined;

/** The workspace's redaction (the host's `redact`): what people are shown instead of secret values. */
export type RedactionLookup = (workspace: string) => Promise<(text: string) => string>;

/** Step, Continue and breakpoints of the debug runs this server is running (their sessions: run-calls.ts). */
export function debugCalls(sessionOf: DebugSessionLookup, redactionOf: RedactionLookup): CallImpls<DebugCalls> {
  const session = (workspace: string, runId: string): DebugSession => {
    const found = sessionOf(workspace, runId);
    if (found === undefined) throw new ApiError('OPR-158', `run ${runId} is not a debug run running here`);
    return found;
  };
  return {
    async 'runs.resume'({ workspace, runId, action, inputs, by }) {
      const debug = session(workspace, runId);
      const paused = debug.paused();
      if (paused === undefined) throw new ApiError('OPR-158', `run ${runId} is not paused`);
      if (inputs !== undefined && hasRedactedSecret(JSON.stringify(inputs))) {
        const redact = await redactionOf(workspace);
        const original = JSON.stringify(paused.inputs);
        // People saw the held inputs with secrets replaced by placeholders: sent back, a placeholder is not the secret.
        if (redact(original) !== original)
          throw new ApiError(
            API_ERROR_CODES.badRequest,
            `the edited inputs of "${paused.nodeId}" hold a [secret:NAME] placeholder, not the secret it stands for: ` +
              'Continue without editing, or replace the placeholder with a value',
          );
      }
      debug.resume(action, inputs === undefined ? undefined : { inputs, by });
      return { runId };
    },
    async 'runs.breakpoints'({ workspace, runId, breakpoints }) {
      const debug = session(workspace, runId);
      debug.setBreakpoints(breakpoints);
      return Promise.resolve({ breakpoints: debug.breakpoints() });
    },
  };
}
