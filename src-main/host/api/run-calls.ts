import { ApiError } from '../../../src-shared/api/errors.ts';
import type { RunHandle } from '../../../src-shared/engine/api.ts';
import type { EngineEvent } from '../../../src-shared/engine/events.ts';
import { validateRunInputs } from '../../../src-shared/workflow/run-inputs.ts';
import { validateWorkflow } from '../../../src-shared/workflow/validate.ts';
import { workspacePaths } from '../../services/data-dir.ts';
import { redactJsonText } from '../../services/redact-json.ts';
import { listRuns, readEvents, readRun } from '../../services/run-reader.ts';
import type { Host } from '../host.ts';
import type { ApiContext, CallImpls } from './call-types.ts';

type RunCalls = 'runs.start' | 'runs.cancel' | 'runs.decide' | 'runs.list' | 'runs.get' | 'runs.events';

/** The run calls, and the runs this server is running (to cancel them, and to finish them on close). */
export interface RunCallsWithState {
  calls: CallImpls<RunCalls>;
  /** Cancels every run still going here and waits for their logs to flush. */
  cancelAll(reason: string): Promise<void>;
}

export function runCalls(context: ApiContext): RunCallsWithState {
  const active = new Map<string, RunHandle>();
  const key = (workspace: string, runId: string) => `${workspace}/${runId}`;

  /**
   * Streams a run's events to subscribers (secrets redacted) and says when it starts or continues. Its end (or wait)
   * is announced by {@link track}, once the logs are flushed, so `runs.get` after `runs.changed` sees the new state.
   */
  const streamer = (workspace: string, host: Host, workflowId: string) => {
    let topRunId: string | undefined;
    return (event: EngineEvent): void => {
      topRunId ??= event.runId;
      const redacted = JSON.parse(redactJsonText(JSON.stringify(event), (text) => host.redact(text))) as EngineEvent;
      context.emit('run.event', { workspace, runId: topRunId, event: redacted });
      if (event.runId === topRunId && (event.type === 'run.started' || event.type === 'run.resumed'))
        context.emit('runs.changed', { workspace, runId: topRunId, workflowId, status: 'running' });
    };
  };
  const track = (workspace: string, workflowId: string, handle: RunHandle): void => {
    const id = key(workspace, handle.runId);
    active.set(id, handle);
    void handle.result.then(
      (result) => {
        active.delete(id);
        context.emit('runs.changed', { workspace, runId: handle.runId, workflowId, status: result.status });
      },
      () => active.delete(id),
    );
  };

  const calls: CallImpls<RunCalls> = {
    async 'runs.start'({ workspace, workflowId, inputs, cache }) {
      const store = await context.workflows(workspace);
      const checked = validateWorkflow(await store.read(workflowId), context.registry);
      if (!checked.ok)
        throw new ApiError(
          checked.problems[0]?.code ?? 'OPR-002',
          `workflow "${workflowId}" has ${checked.problems.length} problem(s); fix them before running it`,
          {
            problems: checked.problems,
          },
        );
      const runInputs = validateRunInputs(checked.workflow, inputs);
      if (!runInputs.ok)
        throw new ApiError('OPR-030', `the run inputs do not match the inputs schema of workflow "${workflowId}"`, {
          problems: runInputs.problems,
        });
      const host = await context.host(workspace);
      const handle = await host.startRun({
        workflow: checked.workflow,
        workflowRef: store.file(workflowId),
        inputs: runInputs.inputs,
        trigger: { type: 'api' },
        onEvent: streamer(workspace, host, workflowId),
        ...(cache === undefined ? {} : { cache }),
      });
      track(workspace, workflowId, handle);
      return { runId: handle.runId };
    },
    async 'runs.cancel'({ workspace, runId }) {
      const handle = active.get(key(workspace, runId));
      handle?.cancel('cancelled through the API');
      return Promise.resolve({ cancelled: handle !== undefined });
    },
    async 'runs.decide'({ workspace, runId, nodeId, decision, by, comment, value }) {
      const host = await context.host(workspace);
      const run = await readRun(host.paths.runs, runId);
      const handle = await host.decide({
        runId,
        ...(nodeId === undefined ? {} : { nodeId }),
        decision: { decision, by, ...(comment === undefined ? {} : { comment }), ...(value === undefined ? {} : { value }) },
        onEvent: streamer(workspace, host, run.workflowId),
      });
      track(workspace, run.workflowId, handle);
      return { runId: handle.runId };
    },
    async 'runs.list'({ workspace, workflowId, limit }) {
      const entries = await listRuns(workspacePaths(context.dataDir, workspace).runs);
      const runs = entries.filter((entry) => workflowId === undefined || (entry.kind === 'run' && entry.workflowId === workflowId));
      return { runs: runs.slice(0, limit) };
    },
    async 'runs.get'({ workspace, runId }) {
      return { run: await readRun(workspacePaths(context.dataDir, workspace).runs, runId, { resolveRefs: true }) };
    },
    async 'runs.events'({ workspace, runId, fromSeq, limit }) {
      const log = await readEvents(workspacePaths(context.dataDir, workspace).runs, runId, { resolveRefs: true });
      const rest = log.events.filter((event) => event.seq >= fromSeq);
      const page = rest.slice(0, limit);
      return { events: page, nextSeq: rest[limit]?.seq ?? null, warnings: log.warnings };
    },
  };

  return {
    calls,
    async cancelAll(reason) {
      const handles = [...active.values()];
      for (const handle of handles) handle.cancel(reason);
      await Promise.allSettled(handles.map((handle) => handle.result));
    },
  };
}
