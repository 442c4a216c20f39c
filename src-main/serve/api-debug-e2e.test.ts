import { describe, expect, it } from 'vitest';
import type { EventOf } from '../../src-shared/engine/events.ts';
import { startLoopbackServer } from '../cli/testing/run-cli.ts';
import { pushedEvents, serveForTest, waitForEvent, workflowOf } from './testing/test-server.ts';
import { doubling, pausedAt } from './testing/doubling.ts';

// The run debugger over a real WebSocket: debug runs (breakpoints, step, overrides) and partial runs (from, to).

describe('debug runs over the API', () => {
  it('pauses at a breakpoint, resumes with edited inputs (a logged override) and the downstream output changes', async () => {
    const connection = await serveForTest();
    const { client } = connection;
    await client.call('workflows.save', { workflow: doubling });
    const { runId } = await client.call('runs.start', { workflowId: 'doubling', inputs: { n: 3 }, debug: { breakpoints: ['plusOne'] } });
    await connection.watch(runId);
    await waitForEvent(connection, runId, pausedAt(runId, 'plusOne'));
    const got = await client.call('runs.get', { runId });
    expect(got.paused).toEqual({ nodeId: 'plusOne', reason: 'breakpoint', inputs: { in: 6 } });
    expect(got.run.status).toBe('running');
    expect(pushedEvents(connection, runId)[0]).toMatchObject({ type: 'run.started', debug: true });
    // What was pushed before the call is on disk: the held node's trace ends with its pause.
    const trace = await client.call('runs.trace', { runId, nodeId: 'plusOne' });
    expect(trace.events.at(-1)).toMatchObject({ type: 'node.paused', reason: 'breakpoint', inputs: { in: 6 } });

    expect(await client.call('runs.breakpoints', { runId, breakpoints: ['result'] })).toEqual({ breakpoints: ['result'] });
    expect(await client.call('runs.resume', { runId, action: 'continue', inputs: { in: 100 }, by: 'ana' })).toEqual({ runId });
    await waitForEvent(connection, runId, pausedAt(runId, 'result'));
    await client.call('runs.resume', { runId, action: 'continue' });
    await connection.waitForStatus(runId, 'succeeded');

    const { run } = await client.call('runs.get', { runId });
    expect(run.outputs).toEqual({ result: 101 });
    const { events } = await client.call('runs.events', { runId, limit: 5_000 });
    expect(events.find((e) => e.type === 'node.override')).toMatchObject({ nodeId: 'plusOne', inputs: { in: 100 }, by: 'ana' });
    expect(events.find((e) => e.type === 'node.started' && e.nodeId === 'plusOne')).toMatchObject({ inputs: { in: 100 } });
    // The run is over: nothing to resume, and no pause to report.
    expect((await client.call('runs.get', { runId })).paused).toBeUndefined();
    await expect(client.call('runs.resume', { runId, action: 'step' })).rejects.toMatchObject({ code: 'OPR-158' });
  });

  it('without breakpoints steps from the first node, one node per Step', async () => {
    const connection = await serveForTest();
    const { client } = connection;
    await client.call('workflows.save', { workflow: doubling });
    const { runId } = await client.call('runs.start', { workflowId: 'doubling', debug: {} });
    await connection.watch(runId);
    const started = () => pushedEvents(connection, runId).flatMap((e) => (e.type === 'node.started' ? [e.nodeId] : []));
    await waitForEvent(connection, runId, pausedAt(runId, 'start'));
    expect((await client.call('runs.get', { runId })).paused).toMatchObject({ nodeId: 'start', reason: 'step' });
    await client.call('runs.resume', { runId, action: 'step' });
    await waitForEvent(connection, runId, pausedAt(runId, 'double'));
    expect(started()).toEqual(['start']);
    await client.call('runs.resume', { runId, action: 'step' });
    await waitForEvent(connection, runId, pausedAt(runId, 'plusOne'));
    expect(started()).toEqual(['start', 'double']);
    await client.call('runs.resume', { runId, action: 'continue' });
    await connection.waitForStatus(runId, 'succeeded');
    expect(started()).toEqual(['start', 'double', 'plusOne', 'result']);

    const { rows } = await client.call('runs.timeline', { runId });
    expect(rows.map((row) => [row.nodeId, row.pauses.length])).toEqual([
      ['start', 1],
      ['double', 1],
      ['plusOne', 1],
      ['result', 0],
    ]);
    for (const row of rows.slice(0, 3)) expect(row.pauses[0]?.to).toBe(row.attempts[0]?.from);
  });

  it('refuses Step and breakpoints for a run that is not a debug run here, and cancels a paused run', async () => {
    const connection = await serveForTest();
    const { client } = connection;
    await client.call('workflows.save', { workflow: doubling });
    const plain = await client.call('runs.start', { workflowId: 'doubling' });
    await expect(client.call('runs.resume', { runId: plain.runId, action: 'continue' })).rejects.toMatchObject({ code: 'OPR-158' });
    await expect(client.call('runs.breakpoints', { runId: 'no-such-run', breakpoints: [] })).rejects.toMatchObject({ code: 'OPR-158' });
    await expect(client.call('runs.resume', { runId: plain.runId, action: 'jump' as 'step' })).rejects.toMatchObject({
      code: 'OPR-160',
      problems: [{ path: 'input.action' }],
    });

    const { runId } = await client.call('runs.start', { workflowId: 'doubling', debug: { breakpoints: ['double'] } });
    await connection.watch(runId);
    await waitForEvent(connection, runId, pausedAt(runId, 'double'));
    expect(await client.call('runs.cancel', { runId })).toEqual({ cancelled: true });
    await connection.waitForStatus(runId, 'cancelled');
    expect(pushedEvents(connection, runId).some((e) => e.type === 'node.started' && e.nodeId === 'double')).toBe(false);
  });
});

describe('partial runs over the API', () => {
  it('runs from a node: the upstream HTTP call is reused, not sent again, and the past run’s inputs are used', async () => {
    const server = await startLoopbackServer((_request, index) => ({ status: 200, body: { count: index + 1 } }));
    try {
      const connection = await serveForTest();
      const { client } = connection;
      const fetching = workflowOf(
        'fetching',
        [
          { id: 'start', type: 'core.manual-trigger' },
          { id: 'fetch', type: 'core.http-request', config: { url: '{{ url }}' } },
          { id: 'shape', type: 'core.transform', config: { expression: 'body.count * 10' } },
          { id: 'result', type: 'core.output', config: { name: 'result' } },
        ],
        ['start.out -> fetch.in', 'fetch.out -> shape.in', 'shape.out -> result.in'],
        { type: 'object', properties: { url: { type: 'string' } }, required: ['url'] },
      );
      await client.call('workflows.save', { workflow: fetching });
      const first = await client.call('runs.start', { workflowId: 'fetching', inputs: { url: server.url } });
      await connection.waitForStatus(first.runId, 'succeeded');
      expect(server.requests).toHaveLength(1);

      // The transform changes; its upstream (the request) does not.
      const changed = structuredClone(fetching);
      changed.nodes[2]!.config = { expression: 'body.count * 1000' };
      await client.call('workflows.save', { workflow: changed });
      const second = await client.call('runs.start', { workflowId: 'fetching', from: { runId: first.runId, nodeId: 'shape' } });
      expect(second).toMatchObject({ reused: ['start', 'fetch'], rerun: [] });
      await connection.waitForStatus(second.runId, 'succeeded');
      expect(server.requests).toHaveLength(1);

      const { events } = await client.call('runs.events', { runId: second.runId, limit: 5_000 });
      const started = events.flatMap((e) => (e.type === 'node.started' ? [e.nodeId] : []));
      expect(started).toEqual(['shape', 'result']);
      const reused = events.filter((e): e is EventOf<'node.reused'> => e.type === 'node.reused');
      expect(reused.map((e) => [e.nodeId, e.from])).toEqual([
        ['start', { kind: 'run', runId: first.runId }],
        ['fetch', { kind: 'run', runId: first.runId }],
      ]);
      expect(events[0]).toMatchObject({
        type: 'run.started',
        inputs: { url: server.url },
        partial: { fromRunId: first.runId, fromNode: 'shape' },
      });
      const { run } = await client.call('runs.get', { runId: second.runId });
      expect(run.outputs).toEqual({ result: 1000 });
      expect(run.totals).toMatchObject({ reused: 2, succeeded: 2 });
    } finally {
      await server.close();
    }
  });

  it('runs to a node: only it and what it depends on run, the rest is skipped', async () => {
    const connection = await serveForTest();
    const { client } = connection;
    await client.call('workflows.save', { workflow: doubling });
    const { runId, reused, rerun } = await client.call('runs.start', { workflowId: 'doubling', inputs: { n: 4 }, to: 'double' });
    expect({ reused, rerun }).toEqual({ reused: [], rerun: [] });
    await connection.waitForStatus(runId, 'succeeded');
    const { rows } = await client.call('runs.timeline', { runId });
    expect(Object.fromEntries(rows.map((row) => [row.nodeId, row.status]))).toEqual({
      start: 'succeeded',
      double: 'succeeded',
      plusOne: 'skipped',
      result: 'skipped',
    });
    expect(rows.find((row) => row.nodeId === 'plusOne')?.skippedReason).toMatch(/only "double"/);
  });

  it('refuses a run from a node the workflow lacks, or from a run of another workflow (OPR-159)', async () => {
    const connection = await serveForTest();
    const { client } = connection;
    await client.call('workflows.save', { workflow: doubling });
    await client.call('workflows.save', { workflow: { ...doubling, id: 'other' } });
    const { runId } = await client.call('runs.start', { workflowId: 'doubling' });
    await connection.waitForStatus(runId, 'succeeded');
    await expect(client.call('runs.start', { workflowId: 'doubling', from: { runId, nodeId: 'ghost' } })).rejects.toMatchObject({
      code: 'OPR-159',
      message: /no node "ghost"/,
    });
    await expect(client.call('runs.start', { workflowId: 'other', from: { runId, nodeId: 'double' } })).rejects.toMatchObject({
      code: 'OPR-159',
      message: /ran workflow "doubling"/,
    });
    await expect(client.call('runs.start', { workflowId: 'doubling', to: 'ghost' })).rejects.toMatchObject({ code: 'OPR-159' });
    await expect(
      client.call('runs.start', { workflowId: 'doubling', from: { runId: 'no-such-run', nodeId: 'double' } }),
    ).rejects.toMatchObject({
      code: 'OPR-150',
    });
  });
});

describe('secrets at a pause', () => {
  // A secret's value typed into the workflow ($secret in a Transform would fail it: OPR-190), redacted by the recorder.
  it('shows held inputs redacted, refuses an edit that sends a placeholder back, and will not pin outputs that held a secret', async () => {
    const secret = 'tok-0123456789abcdef';
    const connection = await serveForTest({ OPERON_SECRET_TOKEN: secret });
    const { client } = connection;
    const workflow = workflowOf(
      'secretive',
      [
        { id: 'start', type: 'core.manual-trigger' },
        { id: 'token', type: 'core.transform', config: { expression: `{ "auth": "${secret}", "n": n }` } },
        { id: 'use', type: 'core.transform', config: { expression: 'n + 1' } },
        { id: 'result', type: 'core.output', config: { name: 'result' } },
      ],
      ['start.out -> token.in', 'token.out -> use.in', 'use.out -> result.in'],
      { type: 'object', properties: { n: { type: 'number', default: 1 } } },
    );
    await client.call('workflows.save', { workflow });
    const { runId } = await client.call('runs.start', { workflowId: 'secretive', debug: { breakpoints: ['use'] } });
    await connection.watch(runId);
    await waitForEvent(connection, runId, pausedAt(runId, 'use'));
    const { paused } = await client.call('runs.get', { runId });
    expect(paused?.inputs).toEqual({ in: { auth: '[secret:TOKEN]', n: 1 } });
    expect(JSON.stringify(pushedEvents(connection, runId))).not.toContain(secret);

    await expect(
      client.call('runs.resume', { runId, action: 'continue', inputs: { in: { auth: '[secret:TOKEN]', n: 2 } } }),
    ).rejects.toMatchObject({ code: 'OPR-160', message: expect.stringContaining('placeholder') });
    expect((await client.call('runs.get', { runId })).paused?.nodeId).toBe('use'); // still held
    await client.call('runs.resume', { runId, action: 'continue' });
    await connection.waitForStatus(runId, 'succeeded');
    expect((await client.call('runs.get', { runId })).run.outputs).toEqual({ result: 2 });

    // Run from "use": the token node's logged config and outputs lost the secret (the log's workflow snapshot is redacted
    // too), so it runs again rather than pass the placeholder on.
    const again = await client.call('runs.start', { workflowId: 'secretive', from: { runId, nodeId: 'use' } });
    expect(again.reused).toEqual(['start']);
    expect(again.rerun).toEqual([{ nodeId: 'token', reason: `it changed since run ${runId}` }]);
    await connection.waitForStatus(again.runId, 'succeeded');

    await expect(client.call('pins.set', { workflowId: 'secretive', nodeId: 'token', fromRunId: runId })).rejects.toMatchObject({
      code: 'OPR-159',
      message: expect.stringContaining('held a secret'),
    });
  });
});

describe('reads right after watched events', () => {
  it('lists a run as soon as its run.finished was streamed, before its logs would have been flushed on their own', async () => {
    const connection = await serveForTest();
    const { client } = connection;
    await client.call('workflows.save', { workflow: doubling });
    for (let i = 0; i < 5; i++) {
      const { runId } = await client.call('runs.start', { workflowId: 'doubling', inputs: { n: i } });
      await connection.watch(runId);
      await waitForEvent(connection, runId, (event) => event.type === 'run.finished' && event.runId === runId);
      const { runs } = await client.call('runs.list', { workflowId: 'doubling' });
      expect(runs.map((run) => run.runId)).toContain(runId);
    }
  });
});
