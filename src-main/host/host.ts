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
import { createRunRecorder } from '../services/run-log/run-recorder.ts';
import { assertInterrupted, continueLoggedRun, waitingNode, type ContinueDeps } from './continue-run.ts';
import { createNodeServices } from './node-services.ts';
import { createRunFeed, type RunFeedListener } from './run-feed.ts';
import { readPastRun } from './past-run.ts';
import { createWorkflowLoader } from './workflow-files.ts';
import type { Sandbox } from '../../src-shared/services/sandbox.ts';

export interface HostOptions {
  dataDir: string;
  workspace: string;
  env: NodeJS.ProcessEnv;
  registry: NodeRegistry;
  /** Told how the offline embedder's one-time conversion goes, when a run's first use of memory does it. */
  onEmbedderConversion?: (progress: ConversionProgress) => void;
}

export interface StartOptions {
  workflow: Workflow;
  /** The workflow file's path, to resolve its sub-workflow references. */
  workflowRef?: string;
  inputs: Record<string, unknown>;
  /** What started the run (default manual); a trigger node's run names the node and its payload. */
  trigger?: Trigger;
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
  signal?: AbortSignal;
  onEvent?: (event: EngineEvent) => void;
}

export interface ResumeOptions {
  /** An interrupted run: status running, its process gone. */
  runId: string;
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
}

export async function createHost(options: HostOptions): Promise<Host> {
  const paths = workspacePaths(options.dataDir, options.workspace);
  await ensureWorkspace(paths);
  const {
    services,
    secrets,
    reloadPolicy,
    close: closeServices,
  } = await createNodeServices({
    dataDir: options.dataDir,
    workspace: options.workspace,
    paths,
    env: options.env,
    ...(options.onEmbedderConversion === undefined ? {} : { onEmbedderConversion: options.onEmbedderConversion }),
  });
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
        ...services,
        workflows: createWorkflowLoader(workflowRef === undefined ? paths.workflows : path.dirname(workflowRef), options.registry),
      },
    });
  const fanOut = (listener: ((event: EngineEvent) => void) | undefined) => (event: EngineEvent) => {
    recorder.onEvent(event);
    listener?.(event);
  };
  const afterRun = (handle: RunHandle, release?: () => Promise<void>): RunHandle => ({
    ...handle,
    result: handle.result.finally(async () => {
      await recorder.flush();
      await release?.();
    }),
  });
  /** The engine waits for this before a node starts: the run's record (and a settled node's) is on disk first. */
  const persist = (runId: string): Promise<void> => recorder.persist(runId);
  const continuing: ContinueDeps = { runsDir: paths.runs, registry: options.registry, recorder, engineFor, afterRun, persist };

  return {
    paths,
    async startRun(start) {
      await reloadPolicy();
      const runId = services.newRunId();
      recorder.beginRun({
        runId,
        workflow: start.workflow,
        ...(start.workflowRef === undefined ? {} : { workflowRef: start.workflowRef }),
      });
      const handle = engineFor(start.workflowRef).run({
        workflow: start.workflow,
        inputs: start.inputs,
        runId,
        trigger: start.trigger ?? { type: 'manual' },
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
    decide: async (decide) =>
      continueLoggedRun(await reloadPolicy().then(() => continuing), {
        runId: decide.runId,
        decisionsFor: (run) => [{ nodeId: waitingNode(run, decide.nodeId), decision: { ...decide.decision, at: Date.now() } }],
        onEvent: fanOut(decide.onEvent),
        ...(decide.signal === undefined ? {} : { signal: decide.signal }),
      }),
    resumeInterrupted: async (resume) =>
      continueLoggedRun(await reloadPolicy().then(() => continuing), {
        runId: resume.runId,
        decisionsFor: (run) => {
          assertInterrupted(run);
          return [];
        },
        onEvent: fanOut(resume.onEvent),
        ...(resume.signal === undefined ? {} : { signal: resume.signal }),
      }),
    syncLogs: () => recorder.sync(),
    sandbox: services.sandbox,
    readPastRun: (runId) => readPastRun(paths.runs, runId, options.registry),
    secret: (name) => secrets.get(name),
    redact: (text) => secrets.redact(text),
    findSecret: (text) => secrets.find(text),
    listenToRun: (runId, listener) => feed.listen(runId, listener),
    close: async () => {
      await recorder.close();
      await closeServices();
    },
  };
}

export type { RunResult };
