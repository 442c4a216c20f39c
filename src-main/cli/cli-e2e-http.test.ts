import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  EXAMPLES,
  filesDirOf,
  listFiles,
  makeDataDir,
  makeTempDir,
  parseJsonOut,
  readRunLogs,
  removeTempDirs,
  runCli,
  runIds,
  startLoopbackServer,
  writeWorkflow,
  type LoopbackServer,
} from './testing/run-cli.ts';

// HTTP workflows against a real server on 127.0.0.1: the orders ETL, its retry, and a secret sent as a header.

const ORDERS = {
  orders: [
    { id: 1, customer: 'ana', status: 'paid', quantity: 2, price: 9.99 },
    { id: 2, customer: 'bo', status: 'pending', quantity: 1, price: 100 },
    { id: 3, customer: 'cy, "the" kid', status: 'paid', quantity: 3, price: 0.1 },
    { id: 4, customer: 'di', status: 'refunded', quantity: 5, price: 20 },
  ],
};

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
afterAll(removeTempDirs);

const etl = path.join(EXAMPLES, 'http-etl.operon.json');

describe('http-etl against a loopback server', () => {
  it('keeps the paid orders, writes paid-orders.csv and reads it back', async () => {
    const orders = await startLoopbackServer(() => ({ status: 200, body: ORDERS }));
    server = orders;
    const dataDir = await makeDataDir();
    const result = await runCli(dataDir, ['run', etl, '-i', `baseUrl=${orders.url}`, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const json = parseJsonOut(result);
    expect(json.outputs).toEqual({
      summary: { orders: 2, revenue: 20.28 },
      // CSV reads back as text; the customer with a comma and quotes survives the round trip.
      csv: [
        { id: '1', customer: 'ana', total: '19.98' },
        { id: '3', customer: 'cy, "the" kid', total: '0.3' },
      ],
    });
    const csv = await readFile(path.join(filesDirOf(dataDir), 'paid-orders.csv'), 'utf8');
    expect(csv).toBe('id,customer,total\n1,ana,19.98\n3,"cy, ""the"" kid",0.3\n');
    expect(orders.requests.map(({ method, url }) => `${method} ${url}`)).toEqual(['GET /orders']);
    const { nodes } = await readRunLogs(dataDir, json.runId);
    expect(nodes.get('fetch')?.filter((event) => event.type === 'node.retry')).toEqual([]);
  });

  it('retries a 503 and succeeds on the second attempt', async () => {
    const flaky = await startLoopbackServer((_request, index) =>
      index === 0 ? { status: 503, body: { error: 'busy' } } : { status: 200, body: ORDERS },
    );
    server = flaky;
    const dataDir = await makeDataDir();
    const result = await runCli(dataDir, ['run', etl, '-i', `baseUrl=${flaky.url}`, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const json = parseJsonOut(result);
    expect(json.outputs.summary).toEqual({ orders: 2, revenue: 20.28 });
    expect(flaky.requests.map(({ url }) => url)).toEqual(['/orders', '/orders']);

    const fetch = (await readRunLogs(dataDir, json.runId)).nodes.get('fetch') ?? [];
    const retries = fetch.filter((event) => event.type === 'node.retry');
    expect(retries).toHaveLength(1);
    expect(retries[0]).toMatchObject({ attempt: 1, error: { code: 'OPR-108', retryable: true, details: { status: 503 } } });
    expect(fetch.filter((event) => event.type === 'node.started').map((event) => event.attempt)).toEqual([1, 2]);
    expect(fetch.at(-1)).toMatchObject({ type: 'node.finished', status: 'succeeded', attempts: 2 });
  });

  it('fails the run naming the node when the server keeps answering 404 (not retried)', async () => {
    const missing = await startLoopbackServer(() => ({ status: 404, body: { error: 'no such thing' } }));
    server = missing;
    const dataDir = await makeDataDir();
    const result = await runCli(dataDir, ['run', etl, '-i', `baseUrl=${missing.url}`, '--json']);
    expect(result.code).toBe(1);
    const json = parseJsonOut(result);
    expect(json.status).toBe('failed');
    expect(json.error).toMatchObject({ code: 'OPR-108', nodeId: 'fetch' });
    expect(missing.requests).toHaveLength(1);
    expect(await listFiles(filesDirOf(dataDir))).toEqual([]);
  });
});

describe('secrets', () => {
  const SECRET = 's3cr3t-value-123';

  it('sends $secret() in a header and never writes its value under the data dir', async () => {
    // The server says whether the header was right (an answer that echoed it back would fail the node: OPR-190).
    const api = await startLoopbackServer((request) => ({
      status: 200,
      body: { seen: request.headers.authorization === `Bearer ${SECRET}` },
    }));
    server = api;
    const dataDir = await makeDataDir();
    const file = await writeWorkflow(await makeTempDir(), 'secret-call', {
      inputs: { type: 'object', required: ['baseUrl'], properties: { baseUrl: { type: 'string' } } },
      nodes: [
        { id: 'start', type: 'core.manual-trigger' },
        {
          id: 'call',
          type: 'core.http-request',
          config: { method: 'GET', url: '{{ $run.baseUrl }}/whoami', headers: { Authorization: "Bearer {{ $secret('API_TOKEN') }}" } },
        },
        { id: 'result', type: 'core.output', config: { name: 'answer' } },
      ],
      edges: [
        ['start.out', 'call.in'],
        ['call.out', 'result.in'],
      ],
    });
    const result = await runCli(dataDir, ['run', file, '-i', `baseUrl=${api.url}`], { env: { OPERON_SECRET_API_TOKEN: SECRET } });
    expect(result.code, result.stderr).toBe(0);
    expect(api.requests.map((request) => request.headers.authorization)).toEqual([`Bearer ${SECRET}`]);
    expect(result.stderr).not.toContain(SECRET);

    const files = await listFiles(dataDir);
    expect(files.length).toBeGreaterThan(3);
    for (const written of files) expect(await readFile(written, 'utf8'), written).not.toContain(SECRET);
    const [runId] = await runIds(dataDir);
    const { run } = await readRunLogs(dataDir, runId ?? '');
    expect(run.outputs).toEqual({ answer: { status: 200, headers: expect.any(Object), body: { seen: true } } });
  });

  it('fails naming OPR-156 and the variable when the secret is not set, before any request', async () => {
    const api = await startLoopbackServer(() => ({ status: 200, body: {} }));
    server = api;
    const dataDir = await makeDataDir();
    const file = await writeWorkflow(await makeTempDir(), 'secret-missing', {
      nodes: [
        { id: 'start', type: 'core.manual-trigger' },
        {
          id: 'call',
          type: 'core.http-request',
          config: { url: `${api.url}/x`, headers: { Authorization: "Bearer {{ $secret('API_TOKEN') }}" } },
        },
      ],
      edges: [['start.out', 'call.in']],
    });
    const result = await runCli(dataDir, ['run', file, '--json']);
    expect(result.code).toBe(1);
    // The code thrown by $secret() survives the expression evaluator, so scripts can branch on it.
    const { error } = parseJsonOut(result);
    expect(error).toMatchObject({ code: 'OPR-156', nodeId: 'call', message: expect.stringContaining('OPERON_SECRET_API_TOKEN') });
    expect(api.requests).toEqual([]);
  });
});
