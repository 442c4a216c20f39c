import type { z } from 'zod';
import { API_CALLS, isCallName, type CallName, type CallOutput } from '../../../src-shared/api/contract.ts';
import { API_ERROR_CODES, ApiError, badRequest } from '../../../src-shared/api/errors.ts';
import { createBuiltinRegistry } from '../../../src-shared/nodes/builtin.ts';
import type { NodeRegistry } from '../../../src-shared/nodes/registry.ts';
import { ensureWorkspace, workspacePaths } from '../../services/data-dir.ts';
import { OperonError } from '../../../src-shared/errors/operon-error.ts';
import { createHost, type Host } from '../host.ts';
import type { ApiConnection, ApiSink } from './api-sink.ts';
import { LOCAL_OWNER, mayCall, roleIn, rolesFor, type Principal } from '../../../src-shared/api/permissions.ts';
import type { ApiContext, CallImpls } from './call-types.ts';
import { callerFor, type Caller } from './caller.ts';
import { createAuditLog, localActor, type AuditLog } from '../../services/audit/audit-log.ts';
import { debugCalls } from './debug-calls.ts';
import { inboxCalls } from './inbox-calls.ts';
import { logCalls } from './log-calls.ts';
import { providerCalls } from './provider-calls.ts';
import { pinCalls } from './pin-calls.ts';
import { policyCalls } from './policy-calls.ts';
import { createPushOutlet, type PushOutlet } from './push-outlet.ts';
import { createPinStore, type PinStore } from '../../services/pin-store.ts';
import { runCalls } from './run-calls.ts';
import { triggerCalls } from './trigger-calls.ts';
import { createRunLauncher, type RunLauncher } from '../run-launcher.ts';
import { followingLogs } from '../queue/log-follower.ts';
import type { QueuedRunLauncher } from '../queue/queued-launcher.ts';
import type { RunLauncherDeps } from '../run-launcher.ts';
import { createTriggerService, type TriggerService } from '../triggers/trigger-service.ts';
import type { TriggerDispatcher, TriggerSource } from '../triggers/trigger-source.ts';
import { createConnectionWatches, type WatchDeps } from './watch-calls.ts';
import { watchLimits, type WatchLimitOptions } from './watch-limits.ts';
import { workflowCalls } from './workflow-calls.ts';
import { accessCalls, createAccessDeps, type AccessCallName } from './access-calls.ts';
import { createWorkflowStore, type WorkflowStore } from '../../services/workflow-store.ts';
import type { SecretKeySource } from '../../services/secret-vault/secret-keys.ts';
import { createExampleShelf, SHIPPED_EXAMPLES } from '../../services/example-shelf.ts';

export interface ApiHandlerOptions {
  dataDir: string;
  env: NodeJS.ProcessEnv;
  registry?: NodeRegistry;
  /** The examples gallery's folder (default: the examples shipped with Operon). */
  examplesDir?: string;
  /** How far a connection may fall behind the runs it watches before it is told (defaults: watch-limits.ts). */
  watch?: WatchLimitOptions;
  /** Unexpected failures that no caller sees (a watch's replay failing part way); default: ignored. */
  onUnexpected?: (error: unknown) => void;
  /**
   * Run the trigger service (issue 13: activation, firings, chaining, error workflows, start-up recovery): `operon
   * serve` turns it on. `sources` listen for the schedule, file-watch and webhook triggers; `log` gets one line for
   * what a person running the service should know (default: none).
   */
  triggers?: {
    sources?: readonly TriggerSource[] | ((dispatcher: TriggerDispatcher) => readonly TriggerSource[]);
    log?: (line: string) => void;
  };
  /**
   * Queue mode (issue 17, `operon serve --queue`): runs are enqueued for `operon worker`s by this launcher
   * (createQueuedRunLauncher, given the in-process one for debug and partial runs) instead of run here, and the runs'
   * live events are followed from their logs. A factory, so that only queue mode loads BullMQ.
   */
  queue?: { launcher(deps: RunLauncherDeps & { local: RunLauncher }): QueuedRunLauncher };
  /** Where the hosts' secrets key comes from when OPERON_SECRET_KEY is not set (default the key file). */
  secretKeys?: SecretKeySource;
}

/**
 * The server side of the API, for any transport: `operon serve`'s WebSocket now, Electron IPC later. A transport opens
 * one {@link ApiConnection} per client with {@link ApiHandlers.connect}, passing the {@link ApiSink} its pushed events
 * go to: `runs.changed` goes to every connection, a run's `run.event`s only to the connections watching it.
 */
export interface ApiHandlers {
  /**
   * Opens a connection whose pushed events go to `sink`, acting as `principal` (default: the local owner of every
   * workspace). Each call is checked against the principal's role in the workspace it names (OPR-256), and only events
   * of workspaces it may read are pushed. Close it when the client goes: its watches end with it.
   */
  connect(sink: ApiSink, principal?: Principal, refresh?: PrincipalRefresh): ApiConnection;
  /** Closes every connection, cancels the runs still going, waits for their logs, and closes the hosts. */
  close(): Promise<void>;
  /** The trigger service, when asked for (`triggers`). */
  triggers?: TriggerService;
  /** The workspace's engine host (created once and kept): what a webhook reads its secret through. */
  host?(workspace: string): Promise<Host>;
  /** Resolves once the trigger service has started (recovered runs, listening); at once without one. */
  ready?: Promise<void>;
  /**
   * A graceful stop's first half: no more firings (sources closed), then waits up to `graceMs` for the runs going on to
   * end. Resolves with how many still go on; their logs are flushed, so a process that exits now leaves them
   * interrupted (to resume on the next start), where {@link close} would cancel them.
   */
  stopTaking?(graceMs: number): Promise<number>;
}

/**
 * Reads a connection's principal again (a named user's token against access.json), so a role changed, a user removed
 * or a token revoked takes effect on the connection's next call (and on its pushed events within a second), not only
 * when it reconnects. Undefined when the token no longer signs anyone in.
 */
export type PrincipalRefresh = () => Promise<Principal | undefined>;

/** How often a connection's pushed events check its principal again, at most. */
const PUSH_RECHECK_MS = 1_000;

/** Calls made per connection (watches; access calls, which act as the connection's principal) are left out. */
type SharedCalls = Exclude<CallName, 'runs.watch' | 'runs.unwatch' | AccessCallName | 'policy.get' | 'policy.set'>;

/** Builds the API on the engine host: one host per workspace, created on first use and kept. */
export function createApiHandlers(options: ApiHandlerOptions): ApiHandlers {
  const registry = options.registry ?? createBuiltinRegistry();
  const limits = watchLimits(options.watch);
  const hosts = new Map<string, Promise<Host>>();
  const pinStores = new Map<string, PinStore>();
  const outlets = new Set<PushOutlet>();
  const audits = new Map<string, AuditLog>();
  const localUser = localActor(options.env);
  const context: ApiContext = {
    dataDir: options.dataDir,
    registry,
    examples: createExampleShelf(options.examplesDir ?? SHIPPED_EXAMPLES, registry),
    env: options.env,
    async workflows(workspace): Promise<WorkflowStore> {
      const paths = workspacePaths(options.dataDir, workspace);
      await ensureWorkspace(paths);
      return createWorkflowStore(paths.workflows);
    },
    async pins(workspace): Promise<PinStore> {
      const paths = workspacePaths(options.dataDir, workspace);
      await ensureWorkspace(paths);
      let store = pinStores.get(workspace);
      if (store === undefined) pinStores.set(workspace, (store = createPinStore(paths.pins)));
      return store;
    },
    host(workspace) {
      let host = hosts.get(workspace);
      if (host === undefined) {
        host = createHost({
          dataDir: options.dataDir,
          workspace,
          env: options.env,
          registry,
          audit: context.audit(workspace),
          ...(options.secretKeys === undefined ? {} : { secretKeys: options.secretKeys }),
        }).then((created) => (options.queue === undefined ? created : followingLogs(created)));
        // A failed start (a bad providers.json) is not kept: the next call tries again.
        host.catch(() => hosts.delete(workspace));
        hosts.set(workspace, host);
      }
      return host;
    },
    runsChanged(payload) {
      for (const outlet of outlets) outlet.push({ event: 'runs.changed', payload });
    },
    audit(workspace) {
      let audit = audits.get(workspace);
      if (audit === undefined) {
        const { root } = workspacePaths(options.dataDir, workspace);
        audits.set(workspace, (audit = createAuditLog({ workspace, workspaceRoot: root })));
      }
      return audit;
    },
    workflowChanged: (workspace, workflowId, change) => triggers?.workflowChanged(workspace, workflowId, change) ?? Promise.resolve(),
  };
  const launcherDeps: RunLauncherDeps = {
    host: (workspace) => context.host(workspace),
    runsChanged: (payload) => context.runsChanged(payload),
  };
  const queued: QueuedRunLauncher | undefined =
    options.queue === undefined ? undefined : options.queue.launcher({ ...launcherDeps, local: createRunLauncher(launcherDeps) });
  const launcher: RunLauncher = queued ?? createRunLauncher(launcherDeps);
  const onUnexpected = options.onUnexpected ?? (() => undefined);
  const triggers =
    options.triggers === undefined
      ? undefined
      : createTriggerService({
          dataDir: options.dataDir,
          registry,
          launcher,
          host: (workspace) => context.host(workspace),
          workflows: (workspace) => context.workflows(workspace),
          sources: options.triggers.sources ?? [],
          push: (event) => {
            for (const outlet of outlets) outlet.push(event);
          },
          log: options.triggers.log ?? (() => undefined),
          onUnexpected,
        });
  const ready = Promise.all([queued?.ready, triggers?.start()]).then(() => undefined);
  ready.catch(onUnexpected);
  const runs = runCalls(context, launcher);
  const impls: CallImpls<SharedCalls> = {
    ...workflowCalls(context),
    ...runs.calls,
    ...debugCalls(
      (workspace, runId) => runs.debugSession(workspace, runId),
      async (workspace) => {
        const host = await context.host(workspace);
        return (text) => host.redact(text);
      },
    ),
    ...logCalls(context, (workspace, runId) => runs.logged(workspace, runId)),
    ...inboxCalls(context),
    ...pinCalls(context),
    ...providerCalls(context),
    ...triggerCalls(triggers, (workspace) => context.audit(workspace)),
  };
  const watchDeps: WatchDeps = {
    host: (workspace) => context.host(workspace),
    isRunningHere: (workspace, runId) => runs.isRunning(workspace, runId),
    limits,
    onReplayError: (error) => {
      if (!(error instanceof OperonError)) options.onUnexpected?.(error);
    },
  };
  const connections = new Set<ApiConnection>();
  const accessDeps = createAccessDeps(options.dataDir, options.env, async (workspace) => {
    // Only a host already running holds secrets to refresh; one started later reads the vault itself.
    const host = await hosts.get(workspace)?.catch(() => undefined);
    await host?.reloadSecrets?.();
  });

  return {
    ...(triggers === undefined ? {} : { triggers }),
    host: (workspace) => context.host(workspace),
    ready,
    async stopTaking(graceMs) {
      await triggers?.stopTaking();
      let timer: NodeJS.Timeout | undefined;
      const graceOver = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
      await Promise.race([launcher.idle(), graceOver]);
      clearTimeout(timer);
      const left = launcher.going();
      const opened = await Promise.allSettled(hosts.values());
      await Promise.all(opened.flatMap((result) => (result.status === 'fulfilled' ? [result.value.syncLogs()] : [])));
      return left;
    },
    connect(transport, principal = LOCAL_OWNER, refresh) {
      /** The principal as last read; `undefined` once its token signs no one in (every call refused, nothing pushed). */
      let current: Principal | undefined = principal;
      let checkedAt = Date.now();
      let checking: Promise<Principal | undefined> | undefined;
      const recheck = (): Promise<Principal | undefined> => {
        if (refresh === undefined) return Promise.resolve(current);
        checking ??= refresh()
          .then((fresh) => (current = fresh?.user === principal.user ? fresh : undefined))
          .finally(() => {
            checkedAt = Date.now();
            checking = undefined;
          });
        return checking;
      };
      const sink: ApiSink = {
        push: (message) => {
          if (refresh !== undefined && Date.now() - checkedAt > PUSH_RECHECK_MS) void recheck().catch(() => undefined);
          if (current !== undefined && roleIn(current, message.payload.workspace) !== undefined) transport.push(message);
        },
        backlog: () => transport.backlog(),
      };
      const outlet = createPushOutlet(sink, limits);
      const watches = createConnectionWatches(watchDeps, outlet);
      const connectionImpls: CallImpls = {
        ...impls,
        ...watches.calls,
        ...accessCalls(accessDeps, principal, () => current ?? principal),
        ...policyCalls(context, principal.user),
      };
      outlets.add(outlet);
      const connection: ApiConnection = {
        async handle(call, input) {
          if (!isCallName(call))
            throw new ApiError(API_ERROR_CODES.badRequest, `unknown call ${JSON.stringify(call)}`, {
              problems: [{ code: API_ERROR_CODES.badRequest, path: 'call', message: `unknown call ${JSON.stringify(call)}` }],
            });
          const schema: z.ZodType = API_CALLS[call].input;
          const parsed = schema.safeParse(input ?? {});
          if (!parsed.success) throw badRequest('input', parsed.error);
          const workspace = (parsed.data as { workspace: string }).workspace;
          const now = await recheck();
          if (now === undefined)
            throw new ApiError('OPR-256', `${principal.user}'s token was revoked or the user removed: sign in again with a valid token`);
          // Listing workspaces names no workspace of its own: it shows only those the principal may enter.
          if (call !== 'workspaces.list' && !mayCall(now, call, workspace)) throw forbidden(now, call, workspace);
          const caller = callerFor(now, workspace, input, localUser);
          const impl = connectionImpls[call] as (input: unknown, caller: Caller) => Promise<unknown>;
          const output = await impl(withActor(parsed.data, caller), caller);
          return call === 'workspaces.list' ? visibleWorkspaces(output as CallOutput<'workspaces.list'>, now) : output;
        },
        written: () => outlet.written(),
        close() {
          if (!connections.delete(connection)) return;
          outlets.delete(outlet);
          watches.closeAll();
          outlet.close();
        },
      };
      connections.add(connection);
      return connection;
    },
    async close() {
      for (const connection of [...connections]) connection.close();
      await triggers?.close();
      await runs.cancelAll('the server is shutting down');
      await queued?.close();
      const opened = await Promise.allSettled(hosts.values());
      hosts.clear();
      await Promise.all(opened.flatMap((result) => (result.status === 'fulfilled' ? [result.value.close()] : [])));
    },
  };
}

/** OPR-256: the principal's role in the workspace does not allow the call; says who, what role, and what it needs. */
function forbidden(principal: Principal, call: CallName, workspace: string): ApiError {
  const role = roleIn(principal, workspace);
  const needs = rolesFor(call).join(', ');
  return new ApiError(
    'OPR-256',
    role === undefined
      ? `${principal.user} is not a member of workspace ${workspace}`
      : `${principal.user} is ${role === 'viewer' ? 'a' : 'an'} ${role} in workspace ${workspace}; ${call} needs one of: ${needs}`,
  );
}

/** A call's input with its `by` (when it has one) replaced by the caller's actor: the server decides who acted. */
function withActor(input: unknown, caller: Caller): unknown {
  return typeof input === 'object' && input !== null && 'by' in input ? { ...input, by: caller.actor } : input;
}

/** `workspaces.list` lists only the workspaces the principal may enter. */
function visibleWorkspaces(output: CallOutput<'workspaces.list'>, principal: Principal): CallOutput<'workspaces.list'> {
  return { workspaces: output.workspaces.filter((workspace) => roleIn(principal, workspace.id) !== undefined) };
}
