/**
 * The server side of `npm run bench:triggers`, run in a child process (so the load generator's CPU is not the server's):
 * `--serve operon` starts `operon serve`'s HTTP server with the webhook routes and a webhook-triggered 3-node workflow
 * (Webhook -> Transform -> Output, respond whenDone, run logs on disk); `--serve bare` a bare node:http server answering
 * the same request with the same JSON, to subtract what HTTP on loopback costs anyway. Prints `READY <port>` and stops
 * on SIGTERM (runs finished, logs flushed), printing `STOPPED`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildWorkflow } from '../src-shared/engine/testing/build-workflow.ts';
import { createBuiltinRegistry } from '../src-shared/nodes/builtin.ts';
import type { Workflow } from '../src-shared/workflow/schema.ts';
import path from 'node:path';
import { changeActivation } from '../src-main/host/triggers/activation.ts';
import { createActivationStore } from '../src-main/host/triggers/activation-store.ts';
import { ensureWorkspace, workspacePaths } from '../src-main/services/data-dir.ts';
import { createWorkflowStore } from '../src-main/services/workflow-store.ts';
import { startServer } from '../src-main/serve/server.ts';

export const BENCH_WORKSPACE = 'bench';
export const BENCH_WORKFLOW = 'hook3';
export const BENCH_PATH = 'in';
export const BENCH_SECRET = 'bench-webhook-secret-0123456789';
/** What the Transform answers for body `{ a, n }`; the bare server answers the same. */
export const answerFor = (body: { a: number; n: number }): { n: number; sum: number } => ({ n: body.n, sum: body.a + body.n });

function benchWorkflow(): Workflow {
  return buildWorkflow(
    createBuiltinRegistry(),
    [
      {
        id: 'hook',
        type: 'core.webhook-trigger',
        config: { path: BENCH_PATH, secret: 'BENCH', respond: 'whenDone', responseOutput: 'result', responseTimeoutMs: 300_000 },
      },
      { id: 'sum', type: 'core.transform', config: { expression: '{ "n": body.n, "sum": body.a + body.n }' } },
      { id: 'result', type: 'core.output', config: { name: 'result' } },
    ],
    ['hook.out -> sum.in', 'sum.out -> result.in'],
    {},
    { id: BENCH_WORKFLOW, name: 'Webhook, Transform, Output' },
  );
}

/**
 * Operon's side, built as `operon serve` builds it: the workflow stored in the workspace and activated, the server
 * with the trigger service (its dispatcher applies the overlap policy, keeps the queue and writes the firing log), its
 * webhook source listening. The workflow runs up to 64 at once (maxParallelRuns), so the highest concurrency measured
 * is not queued.
 */
async function serveOperon(dataDir: string): Promise<{ port: number; stop: () => Promise<void> }> {
  const env = { OPERON_SECRET_BENCH: BENCH_SECRET };
  const registry = createBuiltinRegistry();
  const paths = workspacePaths(dataDir, BENCH_WORKSPACE);
  await ensureWorkspace(paths);
  const workflows = createWorkflowStore(paths.workflows);
  const workflow = benchWorkflow();
  await workflows.write({ ...workflow, settings: { ...workflow.settings, maxParallelRuns: 64, queueLimit: 10_000 } });
  const activation = createActivationStore(path.join(paths.root, 'service'));
  await changeActivation({ workflows, activation, registry }, workflow.id, true, 'bench');
  const server = await startServer({ dataDir, env, ui: false, triggers: { sources: [], log: (line) => console.error(line) } });
  await server.ready;
  return { port: server.port, stop: () => server.close() };
}

async function serveBare(): Promise<{ port: number; stop: () => Promise<void> }> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = JSON.stringify(answerFor(JSON.parse(Buffer.concat(chunks).toString('utf8')) as { a: number; n: number }));
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)) });
      response.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function benchServer(kind: string, dataDir: string): Promise<void> {
  const served = kind === 'bare' ? await serveBare() : await serveOperon(dataDir);
  process.stdout.write(`READY ${served.port}\n`);
  process.once('SIGTERM', () => {
    void served.stop().then(() => {
      process.stdout.write('STOPPED\n');
      process.exit(0);
    });
  });
}
