import type { z } from 'zod';
import { API_CALLS, isCallName, type EventName, type EventPayload } from '../../../src-shared/api/contract.ts';
import { API_ERROR_CODES, ApiError, badRequest } from '../../../src-shared/api/errors.ts';
import { createBuiltinRegistry } from '../../../src-shared/nodes/builtin.ts';
import type { NodeRegistry } from '../../../src-shared/nodes/registry.ts';
import { ensureWorkspace, workspacePaths } from '../../services/data-dir.ts';
import { createHost, type Host } from '../host.ts';
import type { ApiContext, CallImpls } from './call-types.ts';
import { debugCalls } from './debug-calls.ts';
import { inboxCalls } from './inbox-calls.ts';
import { logCalls } from './log-calls.ts';
import { pinCalls } from './pin-calls.ts';
import { createPinStore, type PinStore } from '../../services/pin-store.ts';
import { runCalls } from './run-calls.ts';
import { workflowCalls } from './workflow-calls.ts';
import { createWorkflowStore, type WorkflowStore } from '../../services/workflow-store.ts';

export interface ApiHandlerOptions {
  dataDir: string;
  env: NodeJS.ProcessEnv;
  registry?: NodeRegistry;
}

export type ApiEventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/** The server side of the API, for any transport: `operon serve`'s WebSocket now, Electron IPC later. */
export interface ApiHandlers {
  /**
   * Runs one call. The name and input are checked against the contract first: a malformed request rejects with an
   * {@link ApiError} naming each bad field (OPR-002), never with a crash. Resolves with the call's output.
   */
  handle(call: string, input: unknown): Promise<unknown>;
  /** Receives every pushed event (`run.event`, `runs.changed`); returns the unsubscribe function. */
  subscribe(listener: ApiEventListener): () => void;
  /** Cancels the runs still going, waits for their logs, and closes the hosts. */
  close(): Promise<void>;
}

/** Builds the API on the engine host: one host per workspace, created on first use and kept. */
export function createApiHandlers(options: ApiHandlerOptions): ApiHandlers {
  const registry = options.registry ?? createBuiltinRegistry();
  const hosts = new Map<string, Promise<Host>>();
  const pinStores = new Map<string, PinStore>();
  const listeners = new Set<ApiEventListener>();
  const context: ApiContext = {
    dataDir: options.dataDir,
    registry,
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
        host = createHost({ dataDir: options.dataDir, workspace, env: options.env, registry });
        // A failed start (a bad providers.json) is not kept: the next call tries again.
        host.catch(() => hosts.delete(workspace));
        hosts.set(workspace, host);
      }
      return host;
    },
    emit(event, payload) {
      for (const listener of listeners) {
        try {
          listener(event, payload);
        } catch {
          // A listener's failure (a closed socket) must not stop a run or the other listeners.
        }
      }
    },
  };
  const runs = runCalls(context);
  const impls: CallImpls = {
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
  };

  return {
    async handle(call, input) {
      if (!isCallName(call))
        throw new ApiError(API_ERROR_CODES.badRequest, `unknown call ${JSON.stringify(call)}`, {
          problems: [{ code: API_ERROR_CODES.badRequest, path: 'call', message: `unknown call ${JSON.stringify(call)}` }],
        });
      const schema: z.ZodType = API_CALLS[call].input;
      const parsed = schema.safeParse(input ?? {});
      if (!parsed.success) throw badRequest('input', parsed.error);
      const impl = impls[call] as (input: unknown) => Promise<unknown>;
      return impl(parsed.data);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      await runs.cancelAll('the server is shutting down');
      const opened = await Promise.allSettled(hosts.values());
      hosts.clear();
      await Promise.all(opened.flatMap((result) => (result.status === 'fulfilled' ? [result.value.close()] : [])));
    },
  };
}
