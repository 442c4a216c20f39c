import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isValueRef } from '../../src-shared/run-log/value-ref.ts';
import { EXAMPLES } from '../cli/testing/run-cli.ts';
import { serveForTest, workflowOf } from './testing/test-server.ts';

// The run debugger's reads over a real WebSocket: pins, timelines, comparisons, the approvals inbox, traces and values.

const example = (name: string) => readFile(path.join(EXAMPLES, `${name}.operon.json`), 'utf8');

async function diamondServer() {
  const connection = await serveForTest({ OPERON_USER: 'dana' });
  await connection.client.call('workflows.import', { text: await example('diamond') });
  const run = async (numbers: number[]) => {
    const { runId } = await connection.client.call('runs.start', { workflowId: 'diamond', inputs: { numbers } });
    await connection.waitForStatus(runId, 'succeeded');
    return runId;
  };
  return { ...connection, run, waitForStatus: (runId: string, status: string) => connection.waitForStatus(runId, status) };
}

describe('pins over the API', () => {
  it('pins typed outputs and a past run’s outputs; a design run reuses them; exports never carry them', async () => {
    const { client, dataDir, run, waitForStatus } = await diamondServer();
    const past = await run([10, 20]);
    const typed = await client.call('pins.set', { workflowId: 'diamond', nodeId: 'sum', outputs: { out: 4242 }, by: 'ana' });
    expect(typed.pin).toMatchObject({ outputs: { out: 4242 }, by: 'ana' });
    expect(typed.pin.fromRunId).toBeUndefined();
    const fromRun = await client.call('pins.set', { workflowId: 'diamond', nodeId: 'max', fromRunId: past });
    // The local setup acts as its local user (OPERON_USER) when the client names nobody.
    expect(fromRun.pin).toMatchObject({ outputs: { out: 20 }, fromRunId: past, by: 'dana' });
    expect(Object.keys((await client.call('pins.list', { workflowId: 'diamond' })).pins).sort()).toEqual(['max', 'sum']);
    const file = path.join(dataDir, 'workspaces/default/pins/diamond.json');
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ workflowId: 'diamond', pins: { sum: { outputs: { out: 4242 } } } });

    const { runId } = await client.call('runs.start', { workflowId: 'diamond', inputs: { numbers: [1, 2] }, pins: true });
    await waitForStatus(runId, 'succeeded');
    const { run: design } = await client.call('runs.get', { runId });
    expect(design.outputs).toEqual({ report: { sum: 4242, max: 20, average: 1.5 } });
    const { rows } = await client.call('runs.timeline', { runId });
    expect(rows.filter((row) => row.status === 'reused').map((row) => [row.nodeId, row.reusedFrom])).toEqual([
      ['sum', { kind: 'pin' }],
      ['max', { kind: 'pin' }],
    ]);
    // Without pins: true, pins are not used.
    const plain = await run([1, 2]);
    expect((await client.call('runs.get', { runId: plain })).run.outputs).toEqual({ report: { sum: 3, max: 2, average: 1.5 } });

    expect((await client.call('workflows.export', { id: 'diamond' })).text).not.toContain('4242');
    expect(await client.call('pins.remove', { workflowId: 'diamond', nodeId: 'sum' })).toEqual({ removed: true });
    expect(await client.call('pins.remove', { workflowId: 'diamond', nodeId: 'sum' })).toEqual({ removed: false });
    expect(Object.keys((await client.call('pins.list', { workflowId: 'diamond' })).pins)).toEqual(['max']);

    // Deleting the workflow deletes its pins: a later workflow with the same id starts without them.
    const exported = (await client.call('workflows.export', { id: 'diamond' })).text;
    await client.call('workflows.delete', { id: 'diamond' });
    expect((await client.call('workflows.import', { text: exported })).summary.id).toBe('diamond');
    expect((await client.call('pins.list', { workflowId: 'diamond' })).pins).toEqual({});
  });

  it('refuses to pin outputs a node did not produce, for a node or workflow that does not exist, or from two sources', async () => {
    const { client, run, waitForStatus } = await diamondServer();
    const runId = await run([1]);
    await client.call('workflows.save', { workflow: workflowOf('other', [{ id: 'sum', type: 'core.manual-trigger' }], []) });
    await expect(client.call('pins.set', { workflowId: 'other', nodeId: 'sum', fromRunId: runId })).rejects.toMatchObject({
      code: 'OPR-159',
      message: /ran workflow "diamond"/,
    });
    await expect(client.call('pins.set', { workflowId: 'diamond', nodeId: 'ghost', outputs: {} })).rejects.toMatchObject({
      code: 'OPR-159',
      message: /no node "ghost"/,
    });
    await expect(client.call('pins.set', { workflowId: 'missing', nodeId: 'sum', outputs: {} })).rejects.toMatchObject({ code: 'OPR-161' });
    // Pinned outputs stand in for the node's: its ports only.
    await expect(client.call('pins.set', { workflowId: 'diamond', nodeId: 'sum', outputs: { result: 1 } })).rejects.toMatchObject({
      code: 'OPR-103',
      message: 'cannot pin output "result" of node "sum": "sum" has no output port "result" (its ports: out)',
    });
    await expect(client.call('pins.set', { workflowId: 'diamond', nodeId: 'sum', outputs: {}, fromRunId: runId })).rejects.toMatchObject({
      code: 'OPR-160',
    });

    // A node skipped in a run (run to "sum": the other branches never ran) has nothing to pin.
    const partial = await client.call('runs.start', { workflowId: 'diamond', to: 'sum' });
    await waitForStatus(partial.runId, 'succeeded');
    await expect(client.call('pins.set', { workflowId: 'diamond', nodeId: 'max', fromRunId: partial.runId })).rejects.toMatchObject({
      code: 'OPR-159',
      message: `node "max" was skipped in run ${partial.runId}, so it has no outputs to pin`,
    });
  });
});

describe('run logs over the API', () => {
  it('builds a timeline row per node, each attempt inside the run', async () => {
    const { client, run } = await diamondServer();
    const runId = await run([1, 2, 3]);
    const timeline = await client.call('runs.timeline', { runId });
    expect(timeline.rows.map((row) => row.nodeId).sort()).toEqual(['average', 'join', 'max', 'report', 'result', 'start', 'sum']);
    for (const row of timeline.rows) {
      expect(row.status, row.nodeId).toBe('succeeded');
      expect(row.attempts, row.nodeId).toHaveLength(1);
      const [attempt] = row.attempts;
      expect(row.queuedAt).toBeLessThanOrEqual(attempt!.from);
      expect(attempt!.to).toBe(row.endedAt);
      expect(row.endedAt).toBeLessThanOrEqual(timeline.lastAt);
    }
    expect(timeline.startedAt).toBeLessThanOrEqual(timeline.rows[0]!.queuedAt!);
    expect(timeline.warnings).toEqual([]);
  });

  it('compares two runs with different inputs: the trigger’s inputs are the same, every value computed from them differs', async () => {
    const { client, run } = await diamondServer();
    const a = await run([1, 2, 3]);
    const b = await run([1, 2, 30]);
    const same = await run([1, 2, 3]);
    const compared = await client.call('runs.compare', { a, b });
    expect(compared.a).toMatchObject({ kind: 'run', runId: a, status: 'succeeded' });
    expect(compared.b).toMatchObject({ kind: 'run', runId: b });
    const byNode = Object.fromEntries(compared.nodes.map((diff) => [diff.nodeId, [diff.inputs, diff.outputs]]));
    expect(byNode).toEqual({
      start: ['same', 'different'],
      sum: ['different', 'different'],
      max: ['different', 'different'],
      average: ['different', 'different'],
      join: ['different', 'different'],
      report: ['different', 'different'],
      result: ['different', 'same'],
    });
    const again = await client.call('runs.compare', { a, b: same });
    expect(again.nodes.every((diff) => diff.inputs === 'same' && diff.outputs === 'same' && diff.statusA === diff.statusB)).toBe(true);
    await expect(client.call('runs.compare', { a, b: 'no-such-run' })).rejects.toMatchObject({ code: 'OPR-150' });
  });

  it('lists pending approvals oldest first, and a decided run leaves the inbox', async () => {
    const connection = await serveForTest();
    const { client } = connection;
    await client.call('workflows.import', { text: await example('approval') });
    const first = await client.call('runs.start', { workflowId: 'refund-approval', inputs: { amount: 10 } });
    await connection.waitForStatus(first.runId, 'waiting');
    const second = await client.call('runs.start', { workflowId: 'refund-approval', inputs: { amount: 20 } });
    await connection.waitForStatus(second.runId, 'waiting');

    const { approvals } = await client.call('approvals.list', {});
    expect(approvals.map((item) => [item.runId, item.nodeId, item.workflowName])).toEqual([
      [first.runId, 'approve', 'Refund approval'],
      [second.runId, 'approve', 'Refund approval'],
    ]);
    expect(approvals[0]?.request).toMatchObject({ title: 'Approve refund', message: 'Refund 10 to ana?' });
    expect(approvals[0]!.since).toBeLessThanOrEqual(approvals[1]!.since);
    const { run } = await client.call('runs.get', { runId: first.runId });
    expect(approvals[0]!.since).toBeGreaterThanOrEqual(run.startedAt);

    await client.call('runs.decide', { runId: first.runId, decision: 'rejected', by: 'ana', comment: 'no' });
    await connection.waitForStatus(first.runId, 'succeeded');
    expect((await client.call('approvals.list', {})).approvals.map((item) => item.runId)).toEqual([second.runId]);
  });

  it('keeps large values as refs in a node trace and pages them back with runs.value', async () => {
    const connection = await serveForTest();
    const { client } = connection;
    const echo = workflowOf(
      'echo',
      [
        { id: 'start', type: 'core.manual-trigger' },
        { id: 'result', type: 'core.output', config: { name: 'text' } },
      ],
      ['start.out -> result.in'],
    );
    await client.call('workflows.save', { workflow: echo });
    const text = 'é'.repeat(3_000) + '😀'.repeat(2_000);
    const { runId } = await client.call('runs.start', { workflowId: 'echo', inputs: { text } });
    await connection.waitForStatus(runId, 'succeeded');

    const trace = await client.call('runs.trace', { runId, nodeId: 'start' });
    expect(trace.events.map((event) => event.type)).toEqual(['node.queued', 'node.started', 'node.finished']);
    const finished = trace.events.at(-1);
    const ref = finished?.type === 'node.finished' ? finished.outputs.out : undefined;
    if (!isValueRef(ref)) throw new Error(`expected a value ref, got ${JSON.stringify(ref)}`);
    const page = await client.call('runs.trace', { runId, nodeId: 'start', fromSeq: 0, limit: 1 });
    expect(page.nextSeq).toBe(trace.events[1]?.seq);

    let json = '';
    let offset: number | null = 0;
    let pages = 0;
    while (offset !== null) {
      const chunk: { text: string; bytes: number; nextOffset: number | null } = await client.call('runs.value', {
        runId,
        ref: ref.$ref,
        offset,
        limit: 1_001,
      });
      expect(chunk.bytes).toBe(ref.bytes);
      json += chunk.text;
      offset = chunk.nextOffset;
      pages++;
    }
    expect(pages).toBeGreaterThan(5);
    expect(JSON.parse(json)).toEqual({ text });

    for (const bad of ['../run.json', 'values/../../run.json', `values/${'A'.repeat(64)}.json`, 'run.json'])
      await expect(client.call('runs.value', { runId, ref: bad })).rejects.toMatchObject({ code: 'OPR-160' });
    await expect(client.call('runs.value', { runId, ref: `values/${'0'.repeat(64)}.json` })).rejects.toMatchObject({
      code: 'OPR-160',
      message: /has no stored value/,
    });
    await expect(client.call('runs.value', { runId: '../x', ref: ref.$ref })).rejects.toMatchObject({ code: 'OPR-160' });
  });

  it('filters runs.list by status and start time', async () => {
    const connection = await serveForTest();
    const { client } = connection;
    await client.call('workflows.import', { text: await example('diamond') });
    const ok = await client.call('runs.start', { workflowId: 'diamond' });
    await connection.waitForStatus(ok.runId, 'succeeded');
    await client.call('workflows.save', {
      workflow: workflowOf(
        'broken',
        [
          { id: 'start', type: 'core.manual-trigger' },
          { id: 'load', type: 'core.read-file', config: { path: 'missing.json', format: 'json' } },
        ],
        ['start.out -> load.in'],
      ),
    });
    const failed = await client.call('runs.start', { workflowId: 'broken' });
    await connection.waitForStatus(failed.runId, 'failed');
    const ids = async (filter: { status?: ('succeeded' | 'failed')[]; since?: number; until?: number }) =>
      (await client.call('runs.list', filter)).runs.map((run) => run.runId);

    expect(await ids({})).toEqual([failed.runId, ok.runId]);
    expect(await ids({ status: ['failed'] })).toEqual([failed.runId]);
    expect(await ids({ status: ['succeeded', 'failed'] })).toEqual([failed.runId, ok.runId]);
    const { run } = await client.call('runs.get', { runId: failed.runId });
    expect(await ids({ since: run.startedAt })).toEqual([failed.runId]);
    expect(await ids({ until: run.startedAt - 1 })).toEqual([ok.runId]);
    expect(await ids({ since: run.startedAt + 1 })).toEqual([]);
    await expect(client.call('runs.list', { status: ['lost' as 'failed'] })).rejects.toMatchObject({ code: 'OPR-160' });
  });
});
