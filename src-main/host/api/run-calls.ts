import type { ParsedCallInput } from '../../../src-shared/api/contract.ts';
import { ApiError } from '../../../src-shared/api/errors.ts';
import { createDebugSession, type DebugSession } from '../../../src-shared/engine/modes/debug-session.ts';
import { validateWorkflow } from '../../../src-shared/workflow/validate.ts';
import { workspacePaths } from '../../services/data-dir.ts';
import { redactValue } from '../../services/run-log/redact-json.ts';
import { listRuns, readEvents, readRun, type RunListEntry } from '../../services/run-log/run-reader.ts';
import type { RunLauncher } from '../run-launcher.ts';
import { planStart } from '../start-plan.ts';
import type { ApiContext, CallImpls } from './call-types.ts';

type RunCalls = 'runs.start' | 'runs.cancel' | 'runs.decide' | 'runs.continueInterrupted' | 'runs.list' | 'runs.get' | 'runs.events';

/** The run calls, and the runs this server is running (to cancel them, and to finish them on close). */
export interface RunCallsWithState {
  calls: CallImpls<RunCalls>;
  /** The debug session of a debug run this server is running, until it ends. */
  debugSession(workspace: string, runId: string): DebugSession | undefined;
  /** Resolves once the logs of a run going here hold every event recorded so far (at once for other runs). */
  logged(workspace: string, runId: string): Promise<void>;
  /** Whether the run is going on in this server (started, decided or continued here, and not yet ended or waiting). */
  isRunning(workspace: string, runId: string): boolean;
  /** Cancels every run still going here and waits for their logs to flush. */
  cancelAll(reason: string): Promise<void>;
}

export function runCalls(context: ApiContext, launcher: RunLauncher): RunCallsWithState {
  const calls: CallImpls<RunCalls> = {
    async 'runs.start'(input, caller) {
      const { workspace, workflowId, cache, debug, from } = input;
      const store = await context.workflows(workspace);
      const document = await store.read(workflowId);
      const checked = validateWorkflow(document, context.registry);
      if (!checked.ok)
        throw new ApiError(
          checked.problems[0]?.code ?? 'OPR-002',
          `"${workflowName(document, workflowId)}" has ${checked.problems.length} ${checked.problems.length === 1 ? 'problem' : 'problems'}; fix ${checked.problems.length === 1 ? 'it' : 'them'} before running it`,
          {
            problems: checked.problems,
          },
        );
      const host = await context.host(workspace);
      const { inputs, plan, warnings } = await planStart({
        workflow: checked.workflow,
        sandbox: host.sandbox,
        inputs: input.inputs,
        ...(input.pins ? { pins: await (await context.pins(workspace)).list(workflowId) } : {}),
        ...(from === undefined ? {} : { from: { nodeId: from.nodeId, past: await host.readPastRun(from.runId) } }),
        ...(input.to === undefined ? {} : { to: input.to }),
      });
      const session =
        debug === undefined
          ? undefined
          : createDebugSession({ breakpoints: debug.breakpoints, startStepping: debug.breakpoints.length === 0 });
      const handle = await launcher.start(workspace, workflowId, {
        workflow: checked.workflow,
        workflowRef: store.file(workflowId),
        inputs,
        trigger: { type: 'api' },
        startedBy: caller.actor,
        ...(cache === undefined ? {} : { cache }),
        ...(session === undefined ? {} : { debug: session }),
        ...(plan === undefined ? {} : { partial: plan.request }),
      });
      const partial = from !== undefined || input.to !== undefined;
      return {
        runId: handle.runId,
        ...(plan !== undefined && partial ? { reused: plan.reused, rerun: plan.rerun } : {}),
        ...(warnings === undefined ? {} : { warnings }),
      };
    },
    async 'runs.cancel'({ workspace, runId }, caller) {
      const cancelled = launcher.cancel(workspace, runId, `cancelled through the API by ${caller.actor}`);
      if (cancelled) await context.audit(workspace).record({ actor: caller.actor, action: 'run.cancelled', target: `run:${runId}` });
      return { cancelled };
    },
    async 'runs.decide'({ workspace, runId, nodeId, decision, by, comment, value }, caller) {
      const host = await context.host(workspace);
      const run = await readRun(host.paths.runs, runId);
      const handle = await launcher.decide(workspace, run.workflowId, {
        runId,
        ...(caller.role === undefined ? {} : { role: caller.role }),
        ...(nodeId === undefined ? {} : { nodeId }),
        decision: { decision, by, ...(comment === undefined ? {} : { comment }), ...(value === undefined ? {} : { value }) },
      });
      return { runId: handle.runId };
    },
    async 'runs.continueInterrupted'({ workspace, runId }, caller) {
      const host = await context.host(workspace);
      const run = await readRun(host.paths.runs, runId);
      const handle = await launcher.resume(workspace, run.workflowId, runId, caller.actor);
      return { runId: handle.runId };
    },
    async 'runs.list'(input) {
      await launcher.allLogged(input.workspace);
      const entries = await listRuns(workspacePaths(context.dataDir, input.workspace).runs);
      return {
        runs: entries
          .filter((entry) => listed(entry, input))
          .slice(0, input.limit)
          .map((entry) =>
            entry.kind !== 'damaged' && entry.interrupted && launcher.isRunning(input.workspace, entry.runId)
              ? { ...entry, interrupted: false }
              : entry,
          ),
      };
    },
    async 'runs.get'({ workspace, runId }) {
      await launcher.logged(workspace, runId);
      const read = await readRun(workspacePaths(context.dataDir, workspace).runs, runId, { resolveRefs: true });
      // A run this server handed to a worker on another machine looks interrupted to a process check made here.
      const run = read.interrupted && launcher.isRunning(workspace, runId) ? { ...read, interrupted: false } : read;
      const paused = launcher.debugSession(workspace, runId)?.paused();
      if (paused === undefined) return { run };
      const host = await context.host(workspace);
      return { run, paused: redactValue(paused, (text) => host.redact(text)).value };
    },
    async 'runs.events'({ workspace, runId, fromSeq, limit }) {
      await launcher.logged(workspace, runId);
      const runsDir = workspacePaths(context.dataDir, workspace).runs;
      const log = await readEvents(runsDir, runId, { resolveRefs: true, page: { fromSeq, limit } });
      return { events: log.events.slice(0, limit), nextSeq: log.events[limit]?.seq ?? null, warnings: log.warnings };
    },
  };

  return {
    calls,
    debugSession: (workspace, runId) => launcher.debugSession(workspace, runId),
    logged: (workspace, runId) => launcher.logged(workspace, runId),
    isRunning: (workspace, runId) => launcher.isRunning(workspace, runId),
    cancelAll: (reason) => launcher.cancelAll(reason),
  };
}

/** Whether `runs.list` lists the entry: of the workflow, in one of the statuses, started within the bounds. */
function listed(entry: RunListEntry, filter: ParsedCallInput<'runs.list'>): boolean {
  if (entry.kind === 'damaged') return filter.workflowId === undefined && filter.status === undefined;
  return (
    (filter.workflowId === undefined || entry.workflowId === filter.workflowId) &&
    (filter.status === undefined || filter.status.includes(entry.status)) &&
    (filter.since === undefined || entry.startedAt >= filter.since) &&
    (filter.until === undefined || entry.startedAt <= filter.until)
  );
}

/** A workflow's name as a person reads it, from a document not yet validated; its id when it has none. */
function workflowName(document: unknown, fallback: string): string {
  const name = typeof document === 'object' && document !== null && 'name' in document ? document.name : undefined;
  return typeof name === 'string' && name.trim() !== '' ? name : fallback;
}
