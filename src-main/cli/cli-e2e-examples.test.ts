import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EXAMPLES,
  filesDirOf,
  finishedStatuses,
  makeDataDir,
  parseJsonOut,
  readRunLogs,
  removeTempDirs,
  runCli,
  runIds,
  skippedNodes,
  startLoopbackServer,
  type LoopbackServer,
} from './testing/run-cli.ts';

// `operon run` on every example in resources/examples, checking the exit code, the outputs and the run logs on disk.

const example = (name: string): string => path.join(EXAMPLES, name);

let orders: LoopbackServer;
beforeAll(async () => {
  orders = await startLoopbackServer(() => ({
    status: 200,
    body: {
      orders: [
        { id: 1, customer: 'ana', status: 'paid', quantity: 2, price: 9.99 },
        { id: 2, customer: 'bo', status: 'pending', quantity: 1, price: 100 },
      ],
    },
  }));
});
afterAll(async () => {
  await orders.close();
  await removeTempDirs();
});

interface ExampleCase {
  file: string;
  args: () => string[];
  code: number;
  status: string;
  outputs: Record<string, unknown>;
  /** How many run folders the run leaves (a sub-workflow adds a child run). */
  runs: number;
}

const cases: ExampleCase[] = [
  {
    file: 'diamond.operon.json',
    args: () => [],
    code: 0,
    status: 'succeeded',
    outputs: { report: { sum: 31, max: 9, average: 3.875 } },
    runs: 1,
  },
  {
    file: 'condition-fallback.operon.json',
    args: () => [],
    code: 0,
    status: 'succeeded',
    // The fee and rates fields are checked (and fail) in the condition-fallback tests below.
    outputs: { decision: expect.objectContaining({ customer: 'ana', amount: 120, route: 'human review' }) },
    runs: 1,
  },
  {
    file: 'http-etl.operon.json',
    args: () => ['-i', `baseUrl=${orders.url}`],
    code: 0,
    status: 'succeeded',
    outputs: { summary: { orders: 1, revenue: 19.98 }, csv: [{ id: '1', customer: 'ana', total: '19.98' }] },
    runs: 1,
  },
  { file: 'approval.operon.json', args: () => [], code: 3, status: 'waiting', outputs: {}, runs: 1 },
  {
    file: 'router-subflow.operon.json',
    args: () => [],
    code: 0,
    status: 'succeeded',
    // The sub-workflow node emits the child's outputs by name, so the billing reply is nested one level deeper.
    outputs: { reply: { reply: { reply: 'Billing will correct: Invoice 42 is wrong', queue: 'billing' } } },
    runs: 2,
  },
];

describe('operon run on every example', () => {
  it.each(cases)('$file exits $code and leaves per-node logs', async ({ file, args, code, status, outputs, runs }) => {
    const dataDir = await makeDataDir();
    const result = await runCli(dataDir, ['run', example(file), ...args(), '--json']);
    expect(result.code, result.stderr).toBe(code);
    const json = parseJsonOut(result);
    expect(json.status).toBe(status);
    expect(json.outputs).toEqual(outputs);

    const logs = await readRunLogs(dataDir, json.runId);
    expect(json.logDir).toBe(logs.dir);
    expect(logs.run.status).toBe(status);
    if (status === 'waiting') expect(logs.run.pending?.map((p) => p.nodeId)).toEqual(['approve']);
    else expect(logs.run.totals).toEqual(json.totals);
    expect(logs.run.workflowRef).toBe(example(file));
    // Every node that ran has a started and a finished (or waiting) event in its own log.
    for (const [nodeId, events] of logs.nodes) {
      const types = events.map((event) => event.type);
      if (types.includes('node.skipped')) continue;
      expect(types, nodeId).toContain('node.started');
      expect(types.includes('node.finished') || types.includes('node.waiting'), `${nodeId}: ${types.join(', ')}`).toBe(true);
    }

    const all = await runIds(dataDir);
    expect(all).toHaveLength(runs);
    for (const runId of all) await readRunLogs(dataDir, runId); // child runs are checked the same way
  });

  it('without --json shows progress on stderr and the result on stdout', async () => {
    const dataDir = await makeDataDir();
    const result = await runCli(dataDir, ['run', example('diamond.operon.json')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/succeeded .*7 nodes: 7 succeeded/);
    expect(result.stdout).toContain('"average": 3.875');
    for (const node of ['start', 'sum', 'max', 'average', 'join', 'report', 'result'])
      expect(result.stderr).toMatch(new RegExp(`${node}: succeeded in \\d+ ms`));
    expect(result.stderr).toMatch(/run succeeded in \d+ ms/);
  });
});

describe('condition-fallback', () => {
  const file = example('condition-fallback.operon.json');

  it('takes the fallback branch (error port) when rates.json is missing', async () => {
    const dataDir = await makeDataDir();
    const result = await runCli(dataDir, ['run', file, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const json = parseJsonOut(result);
    const { events, nodes } = await readRunLogs(dataDir, json.runId);
    expect(skippedNodes(events)).toEqual(['auto', 'file-rates']);
    expect(finishedStatuses(events)).toMatchObject({ rates: 'failed', 'default-rates': 'succeeded', review: 'succeeded' });
    expect(nodes.get('rates')?.find((event) => event.type === 'node.error')).toMatchObject({
      handling: 'route',
      error: { code: 'OPR-110' },
    });
    // 2% of 120, and decision.rates says where the rates came from (README: "decision.rates says which").
    expect(json.outputs.decision).toEqual({ customer: 'ana', amount: 120, fee: 2.4, rates: 'default (OPR-110)', route: 'human review' });
  });

  it('uses rates.json from the files folder when it is there', async () => {
    const dataDir = await makeDataDir();
    await mkdir(filesDirOf(dataDir), { recursive: true });
    await writeFile(path.join(filesDirOf(dataDir), 'rates.json'), '{"fee":0.01}');
    const result = await runCli(dataDir, ['run', file, '-i', 'amount=50', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const json = parseJsonOut(result);
    const { events } = await readRunLogs(dataDir, json.runId);
    expect(skippedNodes(events)).toEqual(['default-rates', 'review']);
    expect(finishedStatuses(events)).toMatchObject({ rates: 'succeeded', 'file-rates': 'succeeded', auto: 'succeeded' });
    expect(json.outputs.decision).toEqual({ customer: 'ana', amount: 50, fee: 0.5, rates: 'file', route: 'automatic' });
  });
});

describe('router-subflow', () => {
  const file = example('router-subflow.operon.json');

  it('runs the billing sub-workflow as a child run with its own run folder', async () => {
    const dataDir = await makeDataDir();
    const result = await runCli(dataDir, ['run', file, '-i', 'kind=billing', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const parent = parseJsonOut(result);
    const childId = (await runIds(dataDir)).find((id) => id !== parent.runId);
    expect(childId).toBeDefined();
    const child = await readRunLogs(dataDir, childId ?? '');
    expect(child.run.parent).toEqual({ runId: parent.runId, nodeId: 'billing-reply' });
    expect(child.run.status).toBe('succeeded');
    expect(child.run.outputs).toEqual({ reply: { reply: 'Billing will correct: Invoice 42 is wrong', queue: 'billing' } });
    const { events } = await readRunLogs(dataDir, parent.runId);
    expect(skippedNodes(events)).toEqual(['cool-down', 'default-reply', 'tech-reply']);

    const list = await runCli(dataDir, ['runs', 'list', '--json']);
    expect(list.code).toBe(0);
    const entries = parseJsonOut<{ runId: string; parent?: { runId: string } }[]>(list);
    expect(entries.map((entry) => entry.runId).sort()).toEqual([parent.runId, childId].sort());
    expect(entries.find((entry) => entry.runId === childId)?.parent?.runId).toBe(parent.runId);
  });

  it.each([
    {
      kind: 'tech',
      ran: 'tech-reply',
      reply: 'An engineer will look at: Invoice 42 is wrong',
      skipped: ['billing-reply', 'default-reply'],
    },
    { kind: 'other', ran: 'default-reply', reply: 'Thanks, we got your message.', skipped: ['billing-reply', 'cool-down', 'tech-reply'] },
  ])('kind=$kind takes its own route and starts no child run', async ({ kind, ran, reply, skipped }) => {
    const dataDir = await makeDataDir();
    const result = await runCli(dataDir, ['run', file, '-i', `kind=${kind}`, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const json = parseJsonOut(result);
    expect(json.outputs).toEqual({ reply: { reply } });
    const { events } = await readRunLogs(dataDir, json.runId);
    expect(skippedNodes(events)).toEqual(skipped);
    expect(finishedStatuses(events)[ran]).toBe('succeeded');
    expect(await runIds(dataDir)).toEqual([json.runId]);
  });
});
