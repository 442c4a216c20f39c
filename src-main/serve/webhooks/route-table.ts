import { webhookTrigger } from '../../../src-shared/nodes/types/triggers/webhook-trigger.ts';
import { webhookPath } from '../../../src-shared/triggers/webhook.ts';
import type { ListenedTrigger, TriggerSource, TriggerStatus } from '../../host/triggers/trigger-source.ts';

/**
 * A Webhook trigger's settings as its node type parses them (webhook-trigger.ts declares them; the registry's node type
 * erases the schema's type, so it is written out here, and every config is parsed by that schema before it is used).
 */
export interface WebhookConfig {
  path: string;
  method: 'POST' | 'GET';
  auth: 'token' | 'hmac';
  secret: string;
  maxBodyBytes: number;
  respond: 'immediately' | 'whenDone';
  responseOutput: string;
  responseTimeoutMs: number;
}
export type WebhookMethod = WebhookConfig['method'];

/** The config parsed by the Webhook trigger's own schema (defaults filled in), or the first problem with it. */
export function parseWebhookConfig(config: unknown): { ok: true; config: WebhookConfig } | { ok: false; problem: string } {
  const parsed = webhookTrigger.config.safeParse(config);
  if (!parsed.success) return { ok: false, problem: parsed.error.issues[0]?.message ?? 'not valid' };
  return { ok: true, config: parsed.data as WebhookConfig };
}

/** One listening Webhook trigger: where it is served and how it answers. */
export interface WebhookRoute {
  workspace: string;
  workflowId: string;
  nodeId: string;
  /** The URL path it is served at (`/hooks/<workspace>/<workflowId>/<path>`, segments URL-encoded). */
  urlPath: string;
  config: WebhookConfig;
}

/** What a request's path and method find. */
export type RouteMatch = { found: 'route'; route: WebhookRoute } | { found: 'other-method'; allow: WebhookMethod[] } | { found: 'none' };

/** The webhook {@link TriggerSource}: a table of the Webhook triggers of active workflows, by path and method. */
export interface RouteTable extends TriggerSource {
  match(urlPath: string, method: string): RouteMatch;
  /** Routes listening now (for tests and the bench). */
  readonly size: number;
}

const key = (workspace: string, workflowId: string): string => `${workspace}\u0000${workflowId}`;

export function createRouteTable(): RouteTable {
  /** URL path → method → route. */
  const byPath = new Map<string, Map<string, WebhookRoute>>();
  /** Workspace and workflow → the routes it registered, and every trigger's status (its path, or its problem). */
  const byWorkflow = new Map<string, { routes: WebhookRoute[]; status: Map<string, TriggerStatus> }>();

  const unlisten = (workspace: string, workflowId: string): void => {
    const listened = byWorkflow.get(key(workspace, workflowId));
    if (listened === undefined) return;
    for (const route of listened.routes) {
      const methods = byPath.get(route.urlPath);
      if (methods?.get(route.config.method) !== route) continue;
      methods.delete(route.config.method);
      if (methods.size === 0) byPath.delete(route.urlPath);
    }
    byWorkflow.delete(key(workspace, workflowId));
  };

  return {
    kind: 'webhook',
    listen(workspace, workflowId, triggers: ListenedTrigger[]) {
      unlisten(workspace, workflowId);
      if (triggers.length === 0) return Promise.resolve();
      const routes: WebhookRoute[] = [];
      const status = new Map<string, TriggerStatus>();
      for (const trigger of triggers) {
        const parsed = parseWebhookConfig(trigger.config);
        if (!parsed.ok) {
          status.set(trigger.node.id, { problem: `its settings are not valid: ${parsed.problem}` });
          continue;
        }
        const { config } = parsed;
        const urlPath = webhookPath(workspace, workflowId, config.path);
        const methods = byPath.get(urlPath) ?? new Map<string, WebhookRoute>();
        const taken = methods.get(config.method);
        if (taken !== undefined) {
          status.set(trigger.node.id, {
            path: urlPath,
            problem: `another Webhook trigger of this workflow (${taken.nodeId}) already takes ${config.method} ${config.path}: give this one another path or method`,
          });
          continue;
        }
        const route: WebhookRoute = { workspace, workflowId, nodeId: trigger.node.id, urlPath, config };
        methods.set(config.method, route);
        byPath.set(urlPath, methods);
        routes.push(route);
        status.set(trigger.node.id, { path: urlPath });
      }
      byWorkflow.set(key(workspace, workflowId), { routes, status });
      return Promise.resolve();
    },
    status(workspace, workflowId, nodeId) {
      return byWorkflow.get(key(workspace, workflowId))?.status.get(nodeId) ?? {};
    },
    close() {
      byPath.clear();
      byWorkflow.clear();
      return Promise.resolve();
    },
    match(urlPath, method) {
      const methods = byPath.get(urlPath);
      if (methods === undefined) return { found: 'none' };
      const route = methods.get(method);
      if (route !== undefined) return { found: 'route', route };
      return { found: 'other-method', allow: [...methods.keys()] as WebhookMethod[] };
    },
    get size() {
      let count = 0;
      for (const methods of byPath.values()) count += methods.size;
      return count;
    },
  };
}
