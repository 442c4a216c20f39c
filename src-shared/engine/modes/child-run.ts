import { OperonError } from '../../errors/operon-error.ts';
import { checkRunInputs } from '../../workflow/run-inputs.ts';
import type { RunHandle, RunRequest } from '../api.ts';
import type { EngineDeps } from '../engine-deps.ts';

/** Starts a run: passed in by run-execution.ts, which owns it (importing it here would be a cycle). */
type StartRun = (deps: EngineDeps, request: RunRequest) => RunHandle;

const MAX_DEPTH = 16;

/**
 * Runs a sub-workflow as a child run of a node: its own run id and log, the parent's events stream and signal. Its
 * inputs are checked against its inputs schema first (defaults filled): OPR-206 names what does not fit, and no child runs.
 */
export async function runChild(
  startRun: StartRun,
  deps: EngineDeps,
  parentRequest: RunRequest,
  parentRunId: string,
  ref: string,
  inputs: Record<string, unknown>,
  signal: AbortSignal,
  nodeId: string,
): Promise<Record<string, unknown>> {
  const depth = (parentRequest.depth ?? 0) + 1;
  if (depth > MAX_DEPTH)
    throw new OperonError('OPR-111', `sub-workflows nest deeper than ${MAX_DEPTH} levels (does "${ref}" call itself?)`);
  const loaded = await deps.services.workflows.load(ref, parentRequest.workflowRef);
  // As a run's inputs are before it starts: defaults filled, and a missing or mistyped one named before anything runs.
  const { clock, sandbox } = deps.services;
  const checked = await checkRunInputs(sandbox, (ms, fn) => clock.setTimer(ms, fn), loaded.workflow, inputs, signal);
  if (!checked.ok)
    throw new OperonError('OPR-206', `sub-workflow "${ref}" needs other inputs: ${checked.problems.map((p) => p.message).join('; ')}`, {
      details: { workflow: ref, problems: checked.problems },
    });
  const child = startRun(deps, {
    workflow: loaded.workflow,
    workflowRef: loaded.ref,
    inputs: checked.inputs,
    trigger: { type: 'sub-workflow', by: `${parentRunId}/${nodeId}` },
    parent: { runId: parentRunId, nodeId },
    onEvent: parentRequest.onEvent,
    ...(parentRequest.persist === undefined ? {} : { persist: parentRequest.persist }),
    signal,
    depth,
    ...(parentRequest.cache === undefined ? {} : { cache: parentRequest.cache }),
  });
  const result = await child.result;
  if (result.status === 'succeeded') return result.outputs;
  if (result.status === 'waiting')
    throw new OperonError(
      'OPR-112',
      `sub-workflow "${ref}" (run ${child.runId}) waits for approval; approvals inside sub-workflows are not supported yet`,
    );
  if (result.status === 'cancelled') throw signal.reason instanceof Error ? signal.reason : new OperonError('OPR-104', 'cancelled');
  throw new OperonError('OPR-111', `sub-workflow "${ref}" (run ${child.runId}) failed: ${result.error?.message ?? 'unknown error'}`, {
    details: { childRunId: child.runId, childError: result.error },
  });
}
