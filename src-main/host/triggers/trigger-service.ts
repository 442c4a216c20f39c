import { watch, type FSWatcher } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { EventPayload } from '../../../src-shared/api/contract.ts';
import type { NodeRegistry } from '../../../src-shared/nodes/registry.ts';
import type { Activation, Firing } from '../../../src-shared/triggers/service-schemas.ts';
import { validateWorkflow } from '../../../src-shared/workflow/validate.ts';
import { WORKSPACE_ID_PATTERN, workspacePaths } from '../../services/data-dir.ts';
import type { WorkflowStore } from '../../services/workflow-store.ts';
import type { Host } from '../host.ts';
import type { RunLauncher } from '../run-launcher.ts';
import { createActivationStore, type ActivationRecord, type ActivationStore } from './activation-store.ts';
import { createDispatcher, plural, type Dispatcher } from './dispatcher.ts';
import { startErrorWorkflows } from './error-workflow.ts';
import { createFiringLog, type FiringLog, type FiringQuery } from './firing-log.ts';
import { createFiringQueue, type FiringQueue } from './firing-queue.ts';
import { recoverInterruptedRuns } from './startup-recovery.ts';
import { listenedTriggers, triggerNodes } from './trigger-nodes.ts';
import { changeActivation } from './activation.ts';
import type { TriggerDispatcher, TriggerSource } from './trigger-source.ts';
import { createWorkflowFinishedSource } from './workflow-finished-source.ts';
import { startRetentionTimer } from './retention-timer.ts';

export interface TriggerServiceOptions {
  dataDir: string;
  registry: NodeRegistry;
  launcher: RunLauncher;
  host: (workspace: string) => Promise<Host>;
  workflows: (workspace: string) => Promise<WorkflowStore>;
  /**
   * The sources of the other kinds (schedule, file watch, webhook routes), or a function making them for the service's
   * dispatcher (they fire through it); the Workflow finished source is built in.
   */
  sources: readonly TriggerSource[] | ((dispatcher: TriggerDispatcher) => readonly TriggerSource[]);
  /** `triggers.fired` and `triggers.changed`, to every connection. */
  push(
    event:
      | { event: 'triggers.fired'; payload: EventPayload<'triggers.fired'> }
      | { event: 'triggers.changed'; payload: EventPayload<'triggers.changed'> },
  ): void;
  /** One line for what a person running the service should know (recovered runs, a workspace that could not load). */
  log: (line: string) => void;
  onUnexpected: (error: unknown) => void;
}

/**
 * Operon as a service (issue 13): which workflows are active per workspace, their triggers listening through the
 * sources, every firing through the dispatcher (overlap, queue, firing log), workflow-finished chaining, error
 * workflows, start-up recovery of interrupted runs, and each workspace policy's run retention once a day. Everything it keeps is in `<workspace>/service/`.
 */
export interface TriggerService {
  dispatcher: Dispatcher;
  /** Loads every workspace: recovers interrupted runs, listens to active workflows' triggers, starts queued firings. */
  start(): Promise<void>;
  list(workspace: string): Promise<Activation[]>;
  /** OPR-231 with the problems when the workflow cannot be activated. */
  setActive(workspace: string, workflowId: string, active: boolean, by: string): Promise<Activation>;
  log(workspace: string, query: FiringQuery): Promise<Firing[]>;
  /** A workflow was saved (re-listens to an active one's triggers) or deleted (deactivated). */
  workflowChanged(workspace: string, workflowId: string, change: 'saved' | 'deleted'): Promise<void>;
  /** Resolves once every failed run seen so far has started its error workflow (or logged why not). */
  settled(): Promise<void>;
  /** Stops taking firings: sources closed, the dispatcher refuses; runs going on go on. */
  stopTaking(): Promise<void>;
  close(): Promise<void>;
}

interface WorkspaceState {
  dir: string;
  activation: ActivationStore;
  records: Record<string, ActivationRecord>;
  log: FiringLog;
  queue: FiringQueue;
}

export function createTriggerService(options: TriggerServiceOptions): TriggerService {
  const { registry, launcher } = options;
  const states = new Map<string, Promise<WorkspaceState>>();
  const stateOf = (workspace: string): Promise<WorkspaceState> => {
    let state = states.get(workspace);
    if (state === undefined) {
      const dir = path.join(workspacePaths(options.dataDir, workspace).root, 'service');
      const activation = createActivationStore(dir);
      const queue = createFiringQueue(dir);
      state = (async () => {
        const [records] = await Promise.all([activation.read(), queue.load()]);
        return { dir, activation, records, log: createFiringLog(dir), queue };
      })();
      state.catch(() => states.delete(workspace));
      states.set(workspace, state);
    }
    return state;
  };
  const logged = async (workspace: string, firing: Firing): Promise<void> => {
    await (await stateOf(workspace)).log.append(firing);
    options.push({ event: 'triggers.fired', payload: { workspace, firing } });
  };
  const dispatcher = createDispatcher({
    registry,
    launcher,
    host: options.host,
    workflows: options.workflows,
    queue: async (workspace) => (await stateOf(workspace)).queue,
    isActive: async (workspace, workflowId) => (await stateOf(workspace)).records[workflowId]?.active === true,
    logged,
    onUnexpected: options.onUnexpected,
  });
  const given = typeof options.sources === 'function' ? options.sources(dispatcher) : options.sources;
  const sources: TriggerSource[] = [...given, createWorkflowFinishedSource(launcher, dispatcher, options.onUnexpected)];
  const errorWorkflows = startErrorWorkflows({
    launcher,
    dispatcher,
    host: options.host,
    workflows: options.workflows,
    logged,
    onUnexpected: options.onUnexpected,
  });
  let taking = true;
  const chains = new Map<string, Promise<unknown>>();
  /** Activation changes of a workspace, one at a time (a setActive and the file watch's reload never interleave). */
  const exclusive = <T>(workspace: string, task: () => Promise<T>): Promise<T> => {
    const next = (chains.get(workspace) ?? Promise.resolve()).then(task);
    chains.set(
      workspace,
      next.catch(() => undefined),
    );
    return next;
  };
  const watchers = new Map<string, FSWatcher>();
  /**
   * `operon activate|deactivate` (another process) writes the activation file: a running service sees the change and
   * starts or stops listening to those workflows.
   */
  const watchActivation = async (workspace: string): Promise<void> => {
    if (watchers.has(workspace) || !taking) return;
    const state = await stateOf(workspace);
    await mkdir(state.dir, { recursive: true, mode: 0o700 });
    if (watchers.has(workspace)) return;
    const watcher = watch(state.dir, (_event, file) => {
      if (file !== null && file !== path.basename(state.activation.file)) return;
      exclusive(workspace, async () => {
        const records = await state.activation.read();
        const changedIds = [...new Set([...Object.keys(records), ...Object.keys(state.records)])].filter(
          (id) => records[id]?.active !== state.records[id]?.active,
        );
        state.records = records;
        for (const id of changedIds) {
          await listen(workspace, id);
          if (records[id]?.active === true) await dispatcher.drain(workspace, id);
          await changed(workspace, id);
        }
      }).catch((error: unknown) => options.log(`workspace ${workspace}: ${(error as Error).message}`));
    });
    watcher.on('error', options.onUnexpected);
    watchers.set(workspace, watcher);
  };

  /** Tells every source what to listen to for the workflow: its triggers when active and valid, nothing otherwise. */
  const listen = async (workspace: string, workflowId: string): Promise<void> => {
    const state = await stateOf(workspace);
    let triggers: ReturnType<typeof listenedTriggers> = [];
    if (taking && state.records[workflowId]?.active === true) {
      const checked = validateWorkflow(await (await options.workflows(workspace)).read(workflowId).catch(() => undefined), registry);
      if (checked.ok) triggers = listenedTriggers(workspace, checked.workflow, registry);
    }
    await Promise.all(
      sources.map((source) =>
        source.listen(
          workspace,
          workflowId,
          triggers.filter((trigger) => trigger.kind === source.kind),
        ),
      ),
    );
  };

  const activationOf = async (workspace: string, workflowId: string): Promise<Activation> => {
    const state = await stateOf(workspace);
    const record = state.records[workflowId];
    const workflow = await (await options.workflows(workspace)).read(workflowId).catch(() => undefined);
    const triggers = workflow === undefined ? [] : triggerNodes(workflow, registry).filter((trigger) => trigger.kind !== 'error');
    return {
      workflowId,
      active: record?.active === true,
      ...(record === undefined ? {} : { changedAt: record.changedAt, changedBy: record.changedBy }),
      triggers: triggers.map(({ node, kind, label }) => {
        const source = sources.find((candidate) => candidate.kind === kind);
        const status = record?.active === true && source !== undefined ? source.status(workspace, workflowId, node.id) : {};
        return { nodeId: node.id, kind, label, ...status };
      }),
      running: dispatcher.running(workspace, workflowId),
      queued: state.queue.count(workflowId),
    };
  };

  const changed = async (workspace: string, workflowId: string): Promise<Activation> => {
    const activation = await activationOf(workspace, workflowId);
    options.push({ event: 'triggers.changed', payload: { workspace, activation } });
    return activation;
  };

  let stopRetention = (): void => undefined;
  const stopTaking = async (): Promise<void> => {
    taking = false;
    for (const watcher of watchers.values()) watcher.close();
    watchers.clear();
    dispatcher.stop();
    await Promise.allSettled(sources.map((source) => source.close()));
  };

  return {
    dispatcher,
    async start() {
      stopRetention = startRetentionTimer({ dataDir: options.dataDir, log: options.log });
      const names = await readdir(path.join(options.dataDir, 'workspaces')).catch(() => [] as string[]);
      for (const workspace of names.filter((name) => WORKSPACE_ID_PATTERN.test(name))) {
        try {
          await recoverInterruptedRuns({ launcher, host: options.host, workflows: options.workflows, log: options.log }, workspace);
          const state = await stateOf(workspace);
          await watchActivation(workspace);
          const active = Object.entries(state.records).filter(([, record]) => record.active);
          for (const [workflowId] of active) {
            await listen(workspace, workflowId);
            await dispatcher.drain(workspace, workflowId);
          }
          if (active.length > 0) options.log(`workspace ${workspace}: ${plural(active.length, 'active workflow')} listening`);
        } catch (error) {
          options.log(`workspace ${workspace}: its triggers could not start: ${(error as Error).message}`);
        }
      }
    },
    async list(workspace) {
      const store = await options.workflows(workspace);
      const summaries = await store.list();
      const withTriggers: Activation[] = [];
      for (const summary of summaries) {
        const activation = await activationOf(workspace, summary.id);
        if (activation.triggers.length > 0 || activation.active) withTriggers.push(activation);
      }
      return withTriggers;
    },
    setActive: (workspace, workflowId, active, by) =>
      exclusive(workspace, async () => {
        await watchActivation(workspace);
        const state = await stateOf(workspace);
        const workflows = await options.workflows(workspace);
        const record = await changeActivation(
          { workflows, activation: state.activation, registry, workspaceRoot: workspacePaths(options.dataDir, workspace).root },
          workflowId,
          active,
          by,
        );
        state.records = { ...state.records, [workflowId]: record };
        await listen(workspace, workflowId);
        if (active) await dispatcher.drain(workspace, workflowId);
        return changed(workspace, workflowId);
      }),
    async log(workspace, query) {
      return (await stateOf(workspace)).log.read(query);
    },
    async workflowChanged(workspace, workflowId, change) {
      const state = await stateOf(workspace);
      if (state.records[workflowId] === undefined) return;
      if (change === 'deleted') {
        await state.activation.remove(workflowId);
        const { [workflowId]: _gone, ...rest } = state.records;
        state.records = rest;
      }
      await listen(workspace, workflowId);
      await changed(workspace, workflowId);
    },
    stopTaking,
    settled: () => errorWorkflows.settled(),
    async close() {
      stopRetention();
      if (taking) await stopTaking();
      errorWorkflows.stop();
    },
  };
}
