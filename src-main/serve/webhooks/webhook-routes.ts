import type { IncomingMessage, ServerResponse } from 'node:http';
import { workspacePaths } from '../../services/data-dir.ts';
import { readPolicy } from '../../services/policy/policy-file.ts';
import { createSecretService } from '../../services/secrets.ts';
import type { Host } from '../../host/host.ts';
import type { TriggerDispatcher } from '../../host/triggers/trigger-source.ts';
import { sendError } from './json-reply.ts';
import { createReplayCache } from './replay-cache.ts';
import { createRouteTable, type RouteTable } from './route-table.ts';
import { handleHook, isHookRequest, type WebhookSecrets } from './webhook-handler.ts';

export interface WebhookRoutesOptions {
  /** Fires a hook's trigger: the trigger service's dispatcher (overlap policy, queue, firing log). */
  dispatcher: TriggerDispatcher;
  /**
   * Where secrets are read: {@link hostSecrets} over the API's hosts, so a hook sees what the workspace's runs see (the
   * environment, then the workspace's store). Default, for tools without hosts: `OPERON_SECRET_<NAME>` in `env` only.
   */
  secrets?: WebhookSecrets;
  /** For the default secrets; default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Lines for the operator (a hook whose secret is not set); default stderr. */
  log?: (line: string) => void;
  /** Unexpected failures while answering (the request is answered 500); default stderr. */
  onUnexpected?: (error: unknown) => void;
  /** The clock signed requests are checked against (ms); default Date.now. */
  now?: () => number;
  /** The data folder: each workspace's policy.json says which Origins may call its hooks (webhooks.allowedOrigins). */
  dataDir?: string;
  /** Live signatures remembered against replays (default 100,000: 5 minutes at over 300 signed requests a second). */
  maxReplayEntries?: number;
}

/**
 * The webhooks of `operon serve`: `source` is the {@link TriggerSource} the trigger service calls `listen` on for every
 * active workflow's Webhook triggers, `handle` answers requests under `/hooks/` (startServer calls it before the static
 * files), `stop` makes every hook answer 503 from then on (a server that is stopping).
 */
export interface WebhookRoutes {
  source: RouteTable;
  /** Answers the request when it is under `/hooks/` and returns true; returns false for any other path. */
  handle(request: IncomingMessage, response: ServerResponse): boolean;
  stop(): void;
  /** Resolves once every request being answered has been. */
  idle(): Promise<void>;
}

export function createWebhookRoutes(options: WebhookRoutesOptions): WebhookRoutes {
  const table = createRouteTable();
  const log = options.log ?? ((line: string) => process.stderr.write(`operon serve: ${line}\n`));
  const onUnexpected = options.onUnexpected ?? ((error: unknown) => process.stderr.write(`operon serve: webhook: ${String(error)}\n`));
  const secrets = options.secrets ?? envSecrets(options.env ?? process.env);
  const replays = createReplayCache(options.maxReplayEntries ?? 100_000);
  let stopping = false;
  const inFlight = new Set<Promise<void>>();
  const deps = {
    table,
    dispatcher: options.dispatcher,
    secrets,
    replays,
    now: options.now ?? Date.now,
    log,
    stopping: () => stopping,
    unconfigured: new Set<string>(),
    ...(options.dataDir === undefined ? {} : { allowedOrigins: policyOrigins(options.dataDir) }),
  };
  return {
    source: table,
    handle(request, response) {
      if (!isHookRequest(request.url)) return false;
      const answering = handleHook(request, response, deps)
        .catch((error: unknown) => {
          onUnexpected(error);
          sendError(response, 500, 'OPR-172', 'the webhook failed unexpectedly; the server log says why');
        })
        .finally(() => inFlight.delete(answering));
      inFlight.add(answering);
      return true;
    },
    stop() {
      stopping = true;
    },
    async idle() {
      await Promise.all([...inFlight]);
    },
  };
}

/**
 * A hook's secrets read through the workspace's host (`hostFor`: the API's `context.host`), and its answers redacted by
 * it. A host that cannot start (a bad providers.json) reads as "not set": the hook answers "not configured" and the
 * operator's log says why.
 */
export function hostSecrets(hostFor: (workspace: string) => Promise<Host>, log: (line: string) => void): WebhookSecrets {
  return {
    async get(workspace, name) {
      try {
        return (await hostFor(workspace)).secret(name);
      } catch (error) {
        log(`the webhooks of workspace ${workspace} cannot read secrets: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      }
    },
    redact: async (workspace, text) => (await hostFor(workspace)).redact(text),
  };
}

/** Secrets from `OPERON_SECRET_<NAME>` only, the same for every workspace. */
function envSecrets(env: NodeJS.ProcessEnv): WebhookSecrets {
  const service = createSecretService(env);
  return {
    get: (_workspace, name) => Promise.resolve(service.get(name)),
    redact: (_workspace, text) => Promise.resolve(service.redact(text)),
  };
}

/** The Origins a workspace's policy allows to call its hooks: undefined when it lists none (any origin). */
function policyOrigins(dataDir: string): (workspace: string) => Promise<readonly string[] | undefined> {
  return async (workspace) => (await readPolicy(workspacePaths(dataDir, workspace).root))?.webhooks.allowedOrigins;
}
