import { describe, expect, it } from 'vitest';
import { createApiClient } from '../../src-shared/api/client.ts';
import { fromNodePort } from '../../src-shared/api/message-port.ts';
import { createPortTransport } from '../../src-shared/api/port-transport.ts';
import { serveApiPort } from './port-api.ts';
import { testEngine } from './testing/engine.ts';
import { nextMessage, nodeChannel } from './testing/ports.ts';
import { recordEvents } from './testing/recorder.ts';
import { doubling } from './testing/workflows.ts';

/** A typed client on one end of a real `worker_threads` channel, the real API served on the other. */
async function servedChannel() {
  const engine = await testEngine();
  const channel = nodeChannel();
  const served = serveApiPort(fromNodePort(channel.port1), engine.handlers, (error) => engine.unexpected.push(error));
  const transport = createPortTransport(fromNodePort(channel.port2));
  const client = createApiClient(transport);
  return { channel, served, transport, client, closed: engine.closed, unexpected: engine.unexpected };
}

describe('serveApiPort: the API protocol over a real MessagePort', () => {
  it('answers calls by id', async () => {
    const { client, unexpected } = await servedChannel();
    expect(await client.call('workspaces.list', {})).toEqual({ workspaces: [{ id: 'default' }] });
    const saved = await client.call('workflows.save', { workflow: doubling });
    expect(saved.problems).toEqual([]);
    // Concurrent calls are each answered by their own id.
    const [list, opened] = await Promise.all([client.call('workflows.list', {}), client.call('workflows.open', { id: 'doubling' })]);
    expect(list.workflows.map((workflow) => workflow.id)).toEqual(['doubling']);
    expect(opened.workflow.nodes.map((node) => node.id)).toEqual(['start', 'double', 'result']);
    await expect(client.call('workflows.open', { id: 'missing' })).rejects.toMatchObject({ name: 'ApiError', code: 'OPR-161' });
    expect(unexpected).toEqual([]);
  });

  it('starts a run and streams the events of the run this port watches, each once and in seq order', async () => {
    const { client } = await servedChannel();
    const events = recordEvents(client);
    await client.call('workflows.save', { workflow: doubling });
    const { runId } = await client.call('runs.start', { workflowId: 'doubling', inputs: { n: 21 } });
    await client.call('runs.watch', { runId, fromSeq: 0 });
    await events.until(() => events.watchEnds.some((end) => end.runId === runId));

    expect(events.watchEnds).toEqual([{ workspace: 'default', runId, reason: 'finished', nextSeq: expect.any(Number) }]);
    const seqs = events.runEvents.map((payload) => payload.event.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i));
    const last = events.runEvents.at(-1)?.event;
    expect(last).toMatchObject({ type: 'run.finished', status: 'succeeded', outputs: { result: 42 } });
    expect(events.watchEnds[0]?.nextSeq).toBe(seqs.length);
    const started = events.runEvents.filter((payload) => payload.event.type === 'node.started').map((payload) => payload.event);
    expect(started.map((event) => ('nodeId' in event ? event.nodeId : ''))).toEqual(['start', 'double', 'result']);
    // runs.changed goes to every connection, this one included.
    await events.until(() => events.changes.some((change) => change.runId === runId && change.status === 'succeeded'));
  });

  it('refuses malformed messages with an OPR-160 answer, never a crash, and keeps serving', async () => {
    const { channel, client, unexpected } = await servedChannel();
    const raw = channel.port2;
    const answers: unknown[] = [];
    for (const message of [
      'not json',
      JSON.stringify({ id: 7, input: {} }),
      JSON.stringify({ id: 8, call: 'nope.nothing', input: {} }),
      JSON.stringify({ id: 9, call: 'workflows.open', input: { id: 42 } }),
      JSON.stringify([1, 2, 3]),
      { id: 10, call: 'workspaces.list', input: {} },
    ]) {
      const answer = nextMessage(raw);
      raw.postMessage(message);
      answers.push(JSON.parse((await answer) as string));
    }
    expect(answers).toEqual([
      { id: null, ok: false, error: { code: 'OPR-160', message: expect.stringContaining('not JSON') } },
      {
        id: 7,
        ok: false,
        error: expect.objectContaining({ code: 'OPR-160', problems: [expect.objectContaining({ path: 'message.call' })] }),
      },
      { id: 8, ok: false, error: expect.objectContaining({ code: 'OPR-160', message: 'unknown call "nope.nothing"' }) },
      { id: 9, ok: false, error: expect.objectContaining({ code: 'OPR-160', problems: [expect.objectContaining({ path: 'input.id' })] }) },
      { id: null, ok: false, error: expect.objectContaining({ code: 'OPR-160' }) },
      { id: null, ok: false, error: { code: 'OPR-160', message: expect.stringContaining('not text') } },
    ]);
    // The typed client on the same port still gets its answers.
    expect(await client.call('workspaces.list', {})).toEqual({ workspaces: [{ id: 'default' }] });
    expect(unexpected).toEqual([]);
  });

  it('closes the API connection when the other end closes the port, and fails what was pending', async () => {
    const { transport, closed } = await servedChannel();
    const pending = transport.request('workspaces.list', {});
    transport.close();
    await expect(pending).rejects.toMatchObject({ code: 'OPR-162' });
    await closed(1);
    await expect(transport.request('workspaces.list', {})).rejects.toMatchObject({ code: 'OPR-162', message: /closed/ });
  });

  it('closes the port when the engine side closes it: the client fails what was pending and hears it', async () => {
    const { served, transport, closed } = await servedChannel();
    const pending = transport.request('workspaces.list', {});
    served.close();
    await expect(pending).rejects.toMatchObject({ code: 'OPR-162', message: /went away/ });
    expect(transport.closed).toBe(true);
    await closed(1);
  });
});
