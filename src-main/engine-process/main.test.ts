import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { expect, it, onTestFinished } from 'vitest';
import { createApiClient } from '../../src-shared/api/client.ts';
import { fromNodePort } from '../../src-shared/api/message-port.ts';
import { createPortTransport } from '../../src-shared/api/port-transport.ts';
import { tempDir } from '../services/test-support.ts';
import { nodeChannel } from './testing/ports.ts';
import { doubling } from './testing/workflows.ts';

it('the entry serves the API on OPERON_HOME over the ports it is sent, and exits 0 on shutdown', async () => {
  const home = await tempDir();
  const worker = new Worker(new URL('./testing/engine-worker.ts', import.meta.url), {
    env: { ...process.env, OPERON_HOME: home },
    stderr: true,
  });
  let stderr = '';
  worker.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
  onTestFinished(async () => {
    await worker.terminate();
  });

  const channel = nodeChannel();
  worker.postMessage({ data: { type: 'connect', window: 1 }, ports: [channel.port2] }, [channel.port2]);
  const client = createApiClient(createPortTransport(fromNodePort(channel.port1)));
  const saved = await client.call('workflows.save', { workflow: doubling });
  expect(saved.problems).toEqual([]);
  expect(existsSync(path.join(home, 'workspaces/default/workflows/doubling.operon.json'))).toBe(true);
  const { runId } = await client.call('runs.start', { workflowId: 'doubling', inputs: { n: 5 } });
  const finished = new Promise<unknown>((resolve) =>
    client.on('run.event', ({ event }) => {
      if (event.type === 'run.finished') resolve(event);
    }),
  );
  await client.call('runs.watch', { runId, fromSeq: 0 });
  expect(await finished).toMatchObject({ status: 'succeeded', outputs: { result: 10 } });

  worker.postMessage({ data: { type: 'shutdown' }, ports: [] });
  expect(await exited, stderr).toBe(0);
  expect(stderr).toBe('');
});
