import { randomBytes } from 'node:crypto';
import { OperonError } from '../../../src-shared/errors/operon-error.ts';
import type { NodeRegistry } from '../../../src-shared/nodes/registry.ts';
import { TRIGGER_KINDS, type Firing } from '../../../src-shared/triggers/service-schemas.ts';
import { serviceSettings, type Workflow } from '../../../src-shared/workflow/schema.ts';
import { validateWorkflow } from '../../../src-shared/workflow/validate.ts';
import type { WorkflowStore } from '../../services/workflow-store.ts';
import type { Host } from '../host.ts';
import type { RunLauncher } from '../run-launcher.ts';
import { planStart } from '../start-plan.ts';
import type { FiringQueue, QueuedFiring } from './firing-queue.ts';
import type { FireRequest, FireResult, StartedRun, TriggerDispatcher } from './trigger-source.ts';

/** How many workflow-finished firings may follow one another (A ends, B starts, B ends, C starts…) before one is refused. */
export const MAX_CHAIN_DEPTH = 8;

export interface DispatcherDeps {
  registry: NodeRegistry;
  launcher: RunLauncher;
  host: (workspace: string) => Promise<Host>;
  workflows: (workspace: string) => Promise<WorkflowStore>;
  queue: (workspace: string) => Promise<FiringQueue>;
  isActive: (workspace: string, workflowId: string) => Promise<boolean>;
  /** Writes a firing log line (and pushes `triggers.fired`). */
  logged: (workspace: string, firing: Firing) => Promise<void>;
  /** A queue that could not be read or written while it was being drained: no caller sees it. */
  onUnexpected: (error: unknown) => void;
}

export interface FireOptions {
  /** The error workflow starts whether or not it is active (n8n's rule). */
  evenIfInactive?: boolean;
}

/** The real {@link TriggerDispatcher}, with what the service needs besides. */
export interface Dispatcher extends TriggerDispatcher {
  fire(request: FireRequest, options?: FireOptions): Promise<FireResult>;
  /** Triggered runs of the workflow going on now. */
  running(workspace: string, workflowId: string): number;
  /** Starts what the workflow's queue holds, as far as its overlap policy allows (after activation, on start). */
  drain(workspace: string, workflowId: string): Promise<void>;
  /** From now on every firing is refused and no queued one starts; their waiting `run` promises reject. */
  stop(): void;
}

type Outcome = Omit<Firing, 'id' | 'at' | 'workflowId' | 'nodeId' | 'kind' | 'payloadBytes'>;

/**
 * Applies a workflow's overlap policy to each firing: `parallel` starts up to maxParallelRuns triggered runs at once
 * and queues the rest, `queue` runs one at a time oldest first, `skip` drops a firing while a run goes on; a full queue
 * refuses. The workflow file is read and validated on every firing, so a saved change applies to the next one. Firings
 * of one workflow are decided one at a time (no two see the same free place). Only triggered runs count against the
 * policy (a run started by hand does not). A queued firing leaves the queue file just before its run starts: a crash
 * between the two loses that one firing rather than starting it twice (at most once).
 */
export function createDispatcher(deps: DispatcherDeps): Dispatcher {
  const running = new Map<string, number>();
  const locks = new Map<string, Promise<unknown>>();
  const waiters = new Map<string, { resolve(run: StartedRun): void; reject(error: Error): void }>();
  /** A triggered run's place in a workflow-finished chain (kept while this process runs). */
  const depths = new Map<string, number>();
  let stopped = false;
  const key = (workspace: string, workflowId: string) => `${workspace}/${workflowId}`;
  const serial = <T>(id: string, task: () => Promise<T>): Promise<T> => {
    const next = (locks.get(id) ?? Promise.resolve()).then(task);
    const settled = next.catch(() => undefined);
    locks.set(id, settled);
    void settled.then(() => {
      if (locks.get(id) === settled) locks.delete(id);
    });
    return next;
  };

  /** The workflow as it is on disk, if it may run from `nodeId`; otherwise why not. */
  const checkWorkflow = async (workspace: string, request: Pick<FireRequest, 'workflowId' | 'nodeId'>) => {
    const store = await deps.workflows(workspace);
    let document: unknown;
    try {
      document = await store.read(request.workflowId);
    } catch (error) {
      return refusal(error, `workflow "${request.workflowId}" could not be read`);
    }
    const checked = validateWorkflow(document, deps.registry);
    if (!checked.ok)
      return {
        outcome: 'refused' as const,
        code: 'OPR-231',
        reason: `the workflow has ${plural(checked.problems.length, 'problem')} now: ${checked.problems[0]?.message ?? ''}`,
      };
    const node = checked.workflow.nodes.find((candidate) => candidate.id === request.nodeId);
    if (node === undefined || !(node.type in TRIGGER_KINDS))
      return { outcome: 'refused' as const, code: 'OPR-230', reason: `the workflow has no trigger node "${request.nodeId}" any more` };
    return { workflow: checked.workflow, file: store.file(request.workflowId) };
  };

  const startNow = async (
    workspace: string,
    workflow: Workflow,
    file: string,
    firing: QueuedFiring,
  ): Promise<Outcome & { run?: StartedRun }> => {
    const id = key(workspace, workflow.id);
    running.set(id, (running.get(id) ?? 0) + 1);
    try {
      const host = await deps.host(workspace);
      const { inputs } = await planStart({ workflow, sandbox: host.sandbox, inputs: undefined });
      const handle = await deps.launcher.start(workspace, workflow.id, {
        workflow,
        workflowRef: file,
        inputs,
        trigger: { type: firing.kind, nodeId: firing.nodeId, payload: firing.payload },
      });
      depths.set(handle.runId, firing.depth ?? 0);
      void handle.result
        .catch(() => undefined)
        .then(() => {
          depths.delete(handle.runId);
          running.set(id, (running.get(id) ?? 1) - 1);
          return drain(workspace, workflow.id);
        })
        .catch(deps.onUnexpected);
      return { outcome: 'started', runId: handle.runId, run: { runId: handle.runId, result: handle.result } };
    } catch (error) {
      running.set(id, (running.get(id) ?? 1) - 1);
      const info = error instanceof OperonError ? error : undefined;
      return { outcome: 'failed', reason: `the run could not start: ${(error as Error).message}`, ...(info ? { code: info.code } : {}) };
    }
  };

  const logLine = async (workspace: string, firing: QueuedFiring, outcome: Outcome): Promise<Firing> => {
    const line: Firing = {
      id: firing.id,
      at: Date.now(),
      workflowId: firing.workflowId,
      nodeId: firing.nodeId,
      kind: firing.kind,
      payloadBytes: Buffer.byteLength(JSON.stringify(firing.payload)),
      outcome: outcome.outcome,
      ...(outcome.runId === undefined ? {} : { runId: outcome.runId }),
      ...(outcome.reason === undefined ? {} : { reason: outcome.reason }),
      ...(outcome.code === undefined ? {} : { code: outcome.code }),
    };
    await deps.logged(workspace, line);
    return line;
  };

  const drain = (workspace: string, workflowId: string): Promise<void> =>
    serial(key(workspace, workflowId), async () => {
      const queue = await deps.queue(workspace);
      while (!stopped && queue.count(workflowId) > 0 && (await deps.isActive(workspace, workflowId))) {
        const oldest = queue.waiting(workflowId)[0];
        if (oldest === undefined) return;
        const checked = await checkWorkflow(workspace, oldest);
        if ('workflow' in checked) {
          const settings = serviceSettings(checked.workflow.settings);
          const capacity = settings.overlap === 'parallel' ? settings.maxParallelRuns : 1;
          if ((running.get(key(workspace, workflowId)) ?? 0) >= capacity) return;
        }
        await queue.shift(workflowId);
        const outcome: Outcome & { run?: StartedRun } =
          'workflow' in checked ? await startNow(workspace, checked.workflow, checked.file, oldest) : checked;
        await logLine(workspace, oldest, outcome);
        const waiter = waiters.get(oldest.id);
        waiters.delete(oldest.id);
        if (outcome.run !== undefined) waiter?.resolve(outcome.run);
        else waiter?.reject(new Error(`queued firing ${oldest.id} started no run: ${outcome.reason ?? outcome.outcome}`));
      }
    });

  return {
    running: (workspace, workflowId) => running.get(key(workspace, workflowId)) ?? 0,
    drain,
    stop() {
      stopped = true;
      for (const waiter of waiters.values()) waiter.reject(new Error('the trigger service stopped before the run started'));
      waiters.clear();
    },
    fire: (request, options = {}) =>
      serial(key(request.workspace, request.workflowId), async (): Promise<FireResult> => {
        const { workspace, workflowId } = request;
        const parentDepth = request.kind === 'workflow' ? depths.get(String(request.payload.runId)) : undefined;
        const firing: QueuedFiring = {
          id: `f-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`,
          at: Date.now(),
          workflowId,
          nodeId: request.nodeId,
          kind: request.kind,
          payload: request.payload,
          ...(request.kind === 'workflow' ? { depth: (parentDepth ?? 0) + 1 } : {}),
        };
        const answer = async (outcome: Outcome & { run?: StartedRun }): Promise<FireResult> => {
          const line = await logLine(workspace, firing, outcome);
          return outcome.run === undefined ? { firing: line } : { firing: line, run: Promise.resolve(outcome.run) };
        };
        if (stopped) return answer({ outcome: 'refused', code: 'OPR-237', reason: 'Operon is stopping: it takes no more firings' });
        if (options.evenIfInactive !== true && !(await deps.isActive(workspace, workflowId)))
          return answer({ outcome: 'refused', code: 'OPR-237', reason: 'the workflow is not active' });
        if ((firing.depth ?? 0) > MAX_CHAIN_DEPTH)
          return answer({
            outcome: 'refused',
            code: 'OPR-234',
            reason: `${MAX_CHAIN_DEPTH} workflows already started one another in this chain: a loop of Workflow finished triggers?`,
          });
        const checked = await checkWorkflow(workspace, request);
        if (!('workflow' in checked)) return answer(checked);
        const settings = serviceSettings(checked.workflow.settings);
        const queue = await deps.queue(workspace);
        const capacity = settings.overlap === 'parallel' ? settings.maxParallelRuns : 1;
        const going = running.get(key(workspace, workflowId)) ?? 0;
        if (going < capacity && queue.count(workflowId) === 0)
          return answer(await startNow(workspace, checked.workflow, checked.file, firing));
        if (settings.overlap === 'skip') return answer({ outcome: 'skipped', reason: `a run of it is going on (overlap "skip")` });
        if (queue.count(workflowId) >= settings.queueLimit)
          return answer({
            outcome: 'refused',
            code: 'OPR-235',
            reason: `its queue is full (${plural(settings.queueLimit, 'firing')} waiting, the queue limit)`,
          });
        await queue.push(firing);
        const run = new Promise<StartedRun>((resolve, reject) => waiters.set(firing.id, { resolve, reject }));
        run.catch(() => undefined); // a caller that does not wait for it must not see an unhandled rejection
        const line = await logLine(workspace, firing, { outcome: 'queued' });
        // Firings waiting from before (a restart, a deactivation) go first; a free place takes the oldest.
        if (going < capacity) void Promise.resolve().then(() => drain(workspace, workflowId).catch(deps.onUnexpected));
        return { firing: line, run };
      }),
  };
}

function refusal(error: unknown, fallback: string): Outcome {
  const code = error instanceof OperonError ? error.code : undefined;
  return { outcome: 'refused', reason: error instanceof Error ? error.message : fallback, ...(code === undefined ? {} : { code }) };
}

export function plural(count: number, noun: string): string {
  return `${count} ${count === 1 ? noun : `${noun}s`}`;
}
