import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src-shared/engine/engine.ts';
import type { EngineEvent } from '../../src-shared/engine/events.ts';
import { buildWorkflow } from '../../src-shared/engine/testing/build-workflow.ts';
import { createMemoryServices } from '../../src-shared/engine/testing/memory-services.ts';
import { testNodeTypes } from '../../src-shared/engine/testing/test-node-types.ts';
import { createRegistry } from '../../src-shared/nodes/registry.ts';
import { createProgressView } from './progress-view.ts';

const registry = createRegistry(testNodeTypes);

/** A run of a → hang, cancelled once `hang` has started: its events, as the engine sent them. */
async function cancelledRunEvents(): Promise<EngineEvent[]> {
  const workflow = buildWorkflow(
    registry,
    [
      { id: 'a', type: 'test.value', config: { value: 1 } },
      { id: 'hang', type: 'test.hang' },
    ],
    ['a.out -> hang.in'],
  );
  const events: EngineEvent[] = [];
  const { promise: started, resolve } = Promise.withResolvers<void>();
  const handle = createEngine({ registry, services: createMemoryServices() }).run({
    workflow,
    inputs: {},
    trigger: { type: 'test' },
    onEvent: (event) => {
      events.push(event);
      if (event.type === 'node.started' && event.nodeId === 'hang') resolve();
    },
  });
  await started;
  handle.cancel();
  await handle.result;
  return events;
}

/** What the view wrote to its stream, without colours and cursor movements. */
async function shown(tty: boolean, events: readonly EngineEvent[]): Promise<string> {
  const stream = Object.assign(new PassThrough(), { isTTY: tty, columns: 120, rows: 40 }) as unknown as NodeJS.WriteStream;
  let text = '';
  (stream as unknown as PassThrough).on('data', (chunk: Buffer) => (text += chunk.toString()));
  const view = await createProgressView(stream, tty, (line) => line);
  for (const event of events) view.onEvent(event);
  view.stop();
  // eslint-disable-next-line no-control-regex -- the terminal's escape sequences are what is stripped
  return text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
}

describe('the progress view of a cancelled run', () => {
  it('shows the node the cancel stopped as cancelled, not failed, live on a terminal', async () => {
    const text = await shown(true, await cancelledRunEvents());
    const last = text.slice(text.lastIndexOf('run '));
    expect(last).toMatch(/■ 1/);
    expect(last).not.toMatch(/✗/);
    expect(last).toMatch(/■ hang\s+cancelled/);
    expect(last).toMatch(/✓ a\s+succeeded/);
  });

  it('says cancelled in the plain lines too', async () => {
    const text = await shown(false, await cancelledRunEvents());
    expect(text).toMatch(/hang: cancelled in \d+ ms/);
    expect(text).not.toMatch(/hang: failed/);
  });
});
