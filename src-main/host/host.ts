import path from 'node:path';
import type { DebugGate, RunHandle, RunRequest, RunResult } from '../../src-shared/engine/api.ts';
import { createEngine } from '../../src-shared/engine/engine.ts';
import type { EngineEvent } from '../../src-shared/engine/events.ts';
import type { PastRun } from '../../src-shared/engine/modes/partial-run.ts';
import type { Decision } from '../../src-shared/nodes/decision.ts';
import type { Trigger } from '../../src-shared/nodes/trigger-record.ts';
import type { NodeRegistry } from '../../src-shared/nodes/registry.ts';
import type { Workflow } from '../../src-shared/workflow/schema.ts';
import { ensureWorkspace, workspacePaths, type WorkspacePaths } from '../services/data-dir.ts';
import type { ConversionProgress } from '../services/memory/embedders/offline-embedder.ts';
import { acquireRunLock, claimRunLock } from '../services/run-log/run-lock.ts';
import { createRunRecorder } from '../services/run-log/run-recorder.ts';
import { assertInterrupted, continueLoggedRun, waitingNode, type ContinueDeps } from './continue-run.ts';
import { createNodeServices } from './node-services.ts';
import { createRunFeed, type RunFeedListener } from './run-feed.ts';
import { readPastRun } from './past-run.ts';
import { createWorkflowLoader } from './workflow-files.ts';
import type { Sandbox } from '../../src-shared/services/sandbox.ts';
import type { Role } from '../../src-shared/api/permissions.ts';
import { createAuditLog, localActor, type AuditLog } from '../services/audit/audit-log.ts';
import { checkDecider } from './approval-check.ts';
import { createSecretReads } from './secret-reads.ts';
import type { SecretKeySource } from '../services/secret-vault/secret-keys.ts';

export interface HostOptions {
  dataDir: string;
  workspace: string;
  env: NodeJS.ProcessEnv;
  registry: NodeRegistry;
  /** Told how the offline embedder's one-time conversion goes, when a run's first use of memory does it. */
  onEmbedderConversion?: (progress: ConversionProgress) => void;
  /**
   * Who makes sure one process works on a run at a time: `file` (default) the run's lock file, which holds on one
   * machine; `job`, in an `operon worker` (issue 17), the BullMQ job lock, which holds across machines: the run's lock
   * file is then taken over whoever left it (a worker only works on a run whose job it holds).
   */
  runLock?: 'file' | 'job';
  /** The workspace's audit trail (default: opened here); the API passes the one its calls write to. */
  audit?: AuditLog;
  /** Where the secrets key comes from when OPERON_SECRET_KEY is not set (default the key file; the desktop app's is given). */
  secretKeys?: SecretKeySource;
}

export interface StartOptions {
  workflow: Workflow;
  /** The run's id, when it was given before the run started (queue mode makes it when it enqueues); default a new one. */
  runId?: string;
  /** The workflow file's path, to resolve its sub-workflow references. */
  workflowRef?: string;
  inputs: Record<string, unknown>;
  /** What started the run (default manual); a trigger node's run names the node and its payload. */
  trigger?: Trigger;
  /**
   * Who started it, for run.json and the audit trail: a person, or `trigger:<kind>`. Default: `trigger:<type>` for a
   * trigger's run, else the local user (`OPERON_USER`, else the OS user).
   */
  startedBy?: string;
  cache?: boolean;
  signal?: AbortSignal;
  onEvent?: (event: EngineEvent) => void;
  /** A debug run: pauses before the nodes the gate says (a DebugSession from debug-session.ts). */
  debug?: DebugGate;
  /** A partial run or a design run with pins: the request part of planPartialRun's plan. */
  partial?: Pick<RunRequest, 'reuse' | 'only' | 'partial'>;
}

export interface DecideOptions {
  runId: string;
  /** The waiting node; may be left out when exactly one node waits. */
  nodeId?: string;
  decision: Omit<Decision, 'at'>;
  /** The decider's role in the workspace, checked against the node's Required role (default: owner, the local setup). */
  role?: Role;
  signal?: AbortSignal;
  onEvent?: (event: EngineEvent) => void;
}

export interface ResumeOptions {
  /** An interrupted run: status running, its process gone. */
  runId: string;
  /** Who continues it, for the audit trail (default: the local user). */
  by?: string;
  signal?: AbortSignal;
  onEvent?: (event: EngineEvent) => void;
}

/**
 * The engine host for one workspace: wires the engine to Node services and the run recorder, so every run
 * leaves its logs under `<dataDir>/workspaces/<id>/runs/`. The CLI uses it now; `operon serve` and the
 * Electron utility process will serve the same calls over their transports.
 */
export interface Host {
  paths: WorkspacePaths;
  startRun(options: StartOptions): Promise<RunHandle>;
  /** Records a decision on a waiting run and continues it in this process, from its logged events. */
  decide(options: DecideOptions): Promise<RunHandle>;
  /**
   * Continues an interrupted run (its process died while it ran) in this process, from its logged events: finished
   * nodes are not run again, the nodes that were queued or running run again. OPR-170 when the run was not interrupted.
   */
  resumeInterrupted(options: ResumeOptions): Promise<RunHandle>;
  /**
   * Continues a run from its logged events whatever process worked on it last, with no check that it was interrupted:
   * for an `operon worker` that holds the run's job (`runLock: 'job'`), whose previous holder's lock expired.
   */
  continueFromLog(options: ResumeOptions): Promise<RunHandle>;
  /** Where this host runs CPU-bound work on user text (expressions, inputs schemas with patterns): its worker pool. */
  sandbox: Sandbox;
  /** A logged run of this workspace to plan a partial run from (see past-run.ts). */
  readPastRun(runId: string): Promise<PastRun>;
  /** Resolves once every event of the runs going here so far is on disk: read a running run's logs after it. */
  syncLogs(): Promise<void>;
  /**
   * The value of the workspace's secret `name` as its runs would get it (the environment's `OPERON_SECRET_<NAME>`, then
   * the workspace's store), or undefined when it is not set: for the webhooks, which check a caller against one.
   */
  secret(name: string): string | undefined;
  /** Replaces every secret value this host knows (its store's, those handed out) with `[secret:NAME]`: for anything shown to people. */
  redact(text: string): string;
  /** The name of a secret (in the store, or handed out) whose value, in any of its forms, `text` holds: pins and exports refuse it. */
  findSecret(text: string): string | undefined;
  /**
   * Calls `listener` with every event of run `runId` recorded here from now on, in seq order, as the run log has it
   * (secrets redacted once, by the recorder; large values inline): for live readers such as the API's watches. Events of
   * a run going on in another process do not come here. Returns the function that stops listening.
   */
  listenToRun(runId: string, listener: RunFeedListener): () => void;
  /** Flushes the logs; call before the process exits. */
  close(): Promise<void>;
  /** Reads the workspace's stored secrets again (one set or deleted through the API): the next runs use them. */
  reloadSecrets?(): Promise<void>;
}

export async function createHost(options: HostOptions): Promise<Host> {
  const paths = workspacePaths(options.dataDir, options.workspace);
  await ensureWorkspace(paths);
  const {
    services,
    secrets,
    reloadSecrets,
    reloadPolicy,
    close: closeServices,
  } = await createNodeServices({
    dataDir: options.dataDir,
    workspace: options.workspace,
    paths,
    env: options.env,
    ...(options.onEmbedderConversion === undefined ? {} : { onEmbedderConversion: options.onEmbedderConversion }),
    ...(options.secretKeys === undefined ? {} : { secretKeys: options.secretKeys }),
  });
  const localUser = localActor(options.env);
  const audit = options.audit ?? createAuditLog({ workspace: options.workspace, workspaceRoot: paths.root });
  /** Who started each run this host carries (a secret read is recorded as theirs). */
  const starters = new Map<string, string>();
  const secretReads = createSecretReads(audit, (runId) => starters.get(runId) ?? `run:${runId}`);
  const engineServices: typeof services = {
    ...services,
    secrets: {
      get(name, reader) {
        const value = secrets.get(name);
        if (value !== undefined && reader !== undefined) secretReads.note(reader, name.toUpperCase());
        return value;
      },
    },
  };
  const feed = createRunFeed();
  const recorder = createRunRecorder({
    runsDir: paths.runs,
    redact: (text) => secrets.redact(text),
    onRecorded: (event) => feed.publish(event),
  });
  /** Sub-workflows load from the folder of the run's own workflow file, or the workspace's workflows folder. */
  const engineFor = (workflowRef: string | undefined) =>
    createEngine({
      registry: options.registry,
      services: {
        ...engineServices,
        workflows: createWorkflowLoader(workflowRef === undefined ? paths.workflows : path.dirname(workflowRef), options.registry),
      },
    });
  const fanOut = (listener: ((event: EngineEvent) => void) | undefined) => (event: EngineEvent) => {
    recorder.onEvent(event);
    listener?.(event);
  };
  const afterRun = (handle: RunHandle, release?: () => Promise<void>): RunHandle => ({
    ...handle,
    result: handle.result
      .finally(async () => {
        await recorder.flush();
        await secretReads.flush();
        starters.delete(handle.runId);
        await release?.();
      })
      .then((result) => {
        // A run that waits keeps its notes: its continuation is the same run, whose reads were recorded already.
        if (result.status !== 'waiting') secretReads.forget(handle.runId);
        return result;
      }),
  });
  /** The engine waits for this before a node starts: the run's record (and a settled node's) is on disk first. */
  const persist = (runId: string): Promise<void> => recorder.persist(runId);
  const continuing: ContinueDeps = {
    runsDir: paths.runs,
    registry: options.registry,
    recorder,
    engineFor,
    afterRun,
    persist,
    lock: options.runLock === 'job' ? claimRunLock : acquireRunLock,
  };

  return {
    paths,
    async startRun(start) {
      await reloadPolicy();
      const runId = start.runId ?? services.newRunId();
      const trigger = start.trigger ?? { type: 'manual' };
      const startedBy = start.startedBy ?? startedByDefault(trigger, localUser);
      starters.set(runId, startedBy);
      await audit.record({
        actor: startedBy,
        action: 'run.started',
        target: `run:${runId}`,
        details: { workflowId: start.workflow.id, workflow: start.workflow.name, trigger: trigger.type },
      });
      recorder.beginRun({
        runId,
        workflow: start.workflow,
        startedBy,
        ...(start.workflowRef === undefined ? {} : { workflowRef: start.workflowRef }),
      });
      const handle = engineFor(start.workflowRef).run({
        workflow: start.workflow,
        inputs: start.inputs,
        runId,
        trigger,
        onEvent: fanOut(start.onEvent),
        persist,
        ...(start.workflowRef === undefined ? {} : { workflowRef: start.workflowRef }),
        ...(start.cache === undefined ? {} : { cache: start.cache }),
        ...(start.signal === undefined ? {} : { signal: start.signal }),
        ...(start.debug === undefined ? {} : { debug: start.debug }),
        ...start.partial,
      });
      return afterRun(handle);
    },
    async decide(decide) {
      let decided: { nodeId: string; label: string } | undefined;
      await reloadPolicy();
      const handle = await continueLoggedRun(continuing, {
        runId: decide.runId,
        decisionsFor: (run) => {
          const nodeId = waitingNode(run, decide.nodeId);
          const label = checkDecider(run, nodeId, { by: decide.decision.by, ...(decide.role === undefined ? {} : { role: decide.role }) });
          decided = { nodeId, label };
          starters.set(run.runId, run.startedBy ?? `run:${run.runId}`);
          return [{ nodeId, decision: { ...decide.decision, at: Date.now() } }];
        },
        onEvent: fanOut(decide.onEvent),
        ...(decide.signal === undefined ? {} : { signal: decide.signal }),
      });
      const { decision, by, comment } = decide.decision;
      await audit.record({
        actor: by,
        action: 'approval.decided',
        target: `run:${decide.runId}`,
        details: { decision, nodeId: decided?.nodeId, node: decided?.label, ...(comment === undefined ? {} : { comment }) },
      });
      return handle;
    },
    async resumeInterrupted(resume) {
      await reloadPolicy();
      const handle = await continueLoggedRun(continuing, {
        runId: resume.runId,
        decisionsFor: (run) => {
          assertInterrupted(run);
          starters.set(run.runId, run.startedBy ?? `run:${run.runId}`);
          return [];
        },
        onEvent: fanOut(resume.onEvent),
        ...(resume.signal === undefined ? {} : { signal: resume.signal }),
      });
      await audit.record({ actor: resume.by ?? localUser, action: 'run.resumed', target: `run:${resume.runId}` });
      return handle;
    },
    async continueFromLog(resume) {
      await reloadPolicy();
      const handle = await continueLoggedRun(continuing, {
        runId: resume.runId,
        decisionsFor: (run) => {
          starters.set(run.runId, run.startedBy ?? `run:${run.runId}`);
          return [];
        },
        onEvent: fanOut(resume.onEvent),
        ...(resume.signal === undefined ? {} : { signal: resume.signal }),
      });
      // A worker carrying on after another died is no one's act; a resume a person asked for (queue mode) is.
      if (resume.by !== undefined) await audit.record({ actor: resume.by, action: 'run.resumed', target: `run:${resume.runId}` });
      return handle;
    },
    syncLogs: () => recorder.sync(),
    sandbox: services.sandbox,
    readPastRun: (runId) => readPastRun(paths.runs, runId, options.registry),
    secret: (name) => secrets.get(name),
    redact: (text) => secrets.redact(text),
    findSecret: (text) => secrets.find(text),
    listenToRun: (runId, listener) => feed.listen(runId, listener),
    reloadSecrets,
    close: async () => {
      await recorder.close();
      await closeServices();
    },
  };
}

/** Who started a run nobody named: a trigger's run is `trigger:<type>`; a manual, API or CLI run, the local user. */
function startedByDefault(trigger: Trigger, localUser: string): string {
  return ['manual', 'api', 'cli', 'sub-workflow'].includes(trigger.type) ? localUser : `trigger:${trigger.type}`;
}

export type { RunResult };
