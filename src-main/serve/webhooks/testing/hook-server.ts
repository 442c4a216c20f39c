import { onTestFinished } from 'vitest';
import { buildWorkflow } from '../../../../src-shared/engine/testing/build-workflow.ts';
import { createBuiltinRegistry } from '../../../../src-shared/nodes/builtin.ts';
import type { Workflow } from '../../../../src-shared/workflow/schema.ts';
import { createHost, type Host } from '../../../host/host.ts';
import { listRuns, type RunListEntry } from '../../../services/run-log/run-reader.ts';
import { tempDir } from '../../../services/test-support.ts';
import { startServer, type RunningServer, type ServerOptions } from '../../server.ts';
import { webhookPath } from '../../../../src-shared/triggers/webhook.ts';
import { createWebhookRoutes, hostSecrets, type WebhookRoutes, type WebhookRoutesOptions } from '../webhook-routes.ts';
import { fullQueueDispatcher, hostDispatcher, type TestDispatcher } from './host-dispatcher.ts';

export const WORKSPACE = 'ws';
/** The secret every test hook names, and its value. */
export const SECRET_NAME = 'HOOK_TOKEN';
export const SECRET = 'hook-secret-0123456789abcdef';

const registry = createBuiltinRegistry();

/** A real `operon serve` with webhooks, a real host whose runs they start, and what the test needs to look at. */
export interface HookServer {
  server: RunningServer;
  host: Host;
  routes: WebhookRoutes;
  dispatcher: TestDispatcher;
  /** Lines logged for the operator. */
  logs: string[];
  /** The full URL of `workflowId`'s hook at `path`. */
  url(workflowId: string, path: string, query?: string): string;
  /** Makes the workflow's Webhook triggers listen, as the trigger service does on activation. */
  listen(workflow: Workflow): Promise<void>;
  /** The runs in the workspace's runs folder. */
  runs(): Promise<RunListEntry[]>;
}

export async function serveHooks(
  options: { env?: NodeJS.ProcessEnv; queueFull?: boolean } & Pick<ServerOptions, 'ui' | 'ready'> & Pick<WebhookRoutesOptions, 'now'> = {},
): Promise<HookServer> {
  const dataDir = await tempDir();
  const env = options.env ?? { [`OPERON_SECRET_${SECRET_NAME}`]: SECRET };
  const host = await createHost({ dataDir, workspace: WORKSPACE, env, registry });
  const workflows = new Map<string, Workflow>();
  const dispatcher = options.queueFull === true ? fullQueueDispatcher() : hostDispatcher(host, workflows);
  const logs: string[] = [];
  const routes = createWebhookRoutes({
    dispatcher,
    dataDir,
    secrets: hostSecrets(
      () => Promise.resolve(host),
      (line) => logs.push(line),
    ),
    log: (line) => logs.push(line),
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  const server = await startServer({
    dataDir,
    staticDir: dataDir,
    env,
    webhooks: routes,
    log: (line) => logs.push(line),
    ...(options.ui === undefined ? {} : { ui: options.ui }),
    ...(options.ready === undefined ? {} : { ready: options.ready }),
  });
  onTestFinished(async () => {
    await server.close();
    await dispatcher.settled();
    await host.close();
  });
  return {
    server,
    host,
    routes,
    dispatcher,
    logs,
    url: (workflowId, path, query) =>
      `${server.origin}${webhookPath(WORKSPACE, workflowId, path)}${query === undefined ? '' : `?${query}`}`,
    async listen(workflow) {
      workflows.set(workflow.id, workflow);
      const triggers = workflow.nodes
        .filter((node) => node.type === 'core.webhook-trigger')
        .map((node) => ({ workspace: WORKSPACE, workflow, node, config: node.config }));
      await routes.source.listen(WORKSPACE, workflow.id, triggers);
    },
    runs: () => listRuns(host.paths.runs),
  };
}

/**
 * `hook -> shape -> result`: a Webhook trigger (its config merged over the test secret's), a Transform of the payload by
 * `expression`, and an Output named `result`.
 */
export function hookWorkflow(id: string, hook: Record<string, unknown> = {}, expression = 'body'): Workflow {
  return buildWorkflow(
    registry,
    [
      { id: 'hook', type: 'core.webhook-trigger', config: { path: 'orders', secret: SECRET_NAME, ...hook } },
      { id: 'shape', type: 'core.transform', config: { expression } },
      { id: 'result', type: 'core.output', config: { name: 'result' } },
    ],
    ['hook.out -> shape.in', 'shape.out -> result.in'],
    {},
    { id, name: id },
  );
}

/** The JSON error a refusal carries. */
export async function errorOf(response: Response): Promise<{ code: string; message: string }> {
  const body = (await response.json()) as { error: { code: string; message: string } };
  return body.error;
}
