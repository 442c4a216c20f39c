import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { API_PATH, API_SUBPROTOCOL } from '../../src-shared/api/protocol.ts';
import { serveLimits } from './serve-limits.ts';
import { serveForTest, workflowOf, type ServedForTest } from './testing/test-server.ts';

// A client that asks for much and reads nothing once pushed the server to 2.9 GB and made another wait 86 s. Now
// what the server holds unsent for a connection is capped (maxBufferedBytes): past it the client is closed with 1008
// and dropped, its waiting calls are dropped with it, and the other clients are served meanwhile.

const CAP = serveLimits().maxBufferedBytes;
/** How long ws waits for a client to answer its close frame before it cuts the socket. */
const WS_CLOSE_TIMEOUT_MS = 30_000;

/** A run whose log pages are big: its input (about 1 MB of text) is in its first events, resolved in every page. */
async function bigRun(connection: ServedForTest): Promise<string> {
  const workflow = workflowOf(
    'echo',
    [
      { id: 'start', type: 'core.manual-trigger' },
      { id: 'result', type: 'core.output', config: { name: 'result' } },
    ],
    ['start.out -> result.in'],
    { type: 'object', properties: { text: { type: 'string' } } },
  );
  await connection.client.call('workflows.save', { workflow });
  const { runId } = await connection.client.call('runs.start', { workflowId: 'echo', inputs: { text: 'x'.repeat(1_000_000) } });
  await connection.waitForStatus(runId, 'succeeded');
  return runId;
}

/**
 * A served run with big pages, and a greedy client that stops reading and asks for 300 of them: `droppedLine` resolves
 * with the server's log line when it drops the client, `closed` with the close the client gets once it reads again.
 */
async function greedyClient() {
  const lines: string[] = [];
  let dropped: (line: string) => void = () => undefined;
  const droppedLine = new Promise<string>((resolve) => (dropped = resolve));
  const log = (line: string): void => {
    lines.push(line);
    if (line.startsWith('dropped')) dropped(line);
  };
  const served = await serveForTest({}, { log });
  const runId = await bigRun(served);
  const page = JSON.stringify(await served.client.call('runs.events', { runId }));
  expect(page.length).toBeGreaterThan(1_000_000);

  const { port, token } = served.server;
  const greedy = new WebSocket(`ws://127.0.0.1:${port}${API_PATH}`, [API_SUBPROTOCOL, `${API_SUBPROTOCOL}.${token}`]);
  await new Promise((resolve) => greedy.once('open', resolve));
  greedy.pause(); // reads nothing: the server's unsent bytes for it grow once the kernel's buffers are full
  const received = { answers: 0 };
  greedy.on('message', () => received.answers++);
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    greedy.once('close', (code, reason) => resolve({ code, reason: reason.toString('utf8') })),
  );
  for (let id = 1; id <= 300; id++) greedy.send(JSON.stringify({ id, call: 'runs.events', input: { runId } }));
  return { served, greedy, page, lines, droppedLine, closed, received };
}

describe('operon serve: a client that does not read', () => {
  it('asking for 300 event pages without reading: dropped with 1008 at the cap, while another client is answered', async () => {
    const { served, greedy, page, lines, droppedLine, closed, received } = await greedyClient();

    // Another client is answered while the greedy one floods.
    expect(await served.client.call('workspaces.list', {})).toEqual({ workspaces: [{ id: 'default' }] });

    // Dropped once more than the cap was unsent, and never holding more than the cap and one page.
    const line = await droppedLine;
    const unsent = Number(/: (\d+) bytes unsent/.exec(line)?.[1]);
    expect(unsent).toBeGreaterThan(CAP);
    expect(unsent).toBeLessThanOrEqual(CAP + page.length + 1024);
    expect(line).toMatch(/^dropped the connection from 127\.0\.0\.1:\d+: \d+ bytes unsent, over the 8388608 allowed/);

    // Told why, once it reads again: what was sent, then the close. Far from every page was answered.
    greedy.resume();
    expect(await closed).toEqual({ code: 1008, reason: 'too far behind: read faster (over 8 MiB unsent)' });
    expect(received.answers).toBeGreaterThan(0);
    expect(received.answers).toBeLessThan(300);
    expect(lines.filter((each) => each.startsWith('dropped'))).toHaveLength(1);
    expect(await served.client.call('workspaces.list', {})).toEqual({ workspaces: [{ id: 'default' }] });
  });

  // ws would wait 30 s (its close timeout) for a dropped client that never reads its close; shutting down does not.
  // The one time-bound here is that behaviour itself, against ws's 30 s: shutting down takes milliseconds.
  it('a dropped client that never reads again does not hold up the server shutting down', async () => {
    const { served, greedy, droppedLine, closed } = await greedyClient();
    await droppedLine;
    served.transport.close();
    const closing = Date.now();
    await served.server.close();
    expect(Date.now() - closing, "shutting down waited for ws's close timeout").toBeLessThan(WS_CLOSE_TIMEOUT_MS);
    greedy.resume();
    expect((await closed).code).toBe(1006); // cut off: the close frame was still unsent when the server stopped
  });
});
