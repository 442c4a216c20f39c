import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OperonError } from '../errors/operon-error.ts';
import { createRegistry } from '../nodes/registry.ts';
import type { RunRequest } from './api.ts';
import { createEngine } from './engine.ts';
import type { EngineEvent } from './events.ts';
import { buildWorkflow } from './testing/build-workflow.ts';
import { createMemoryServices } from './testing/memory-services.ts';
import { calls, testNodeTypes, watchValueRuns } from './testing/test-node-types.ts';

const registry = createRegistry(testNodeTypes);
/** a fans out to b and c, which d joins; `outside` names the nodes that act outside the run (policy resend). */
const diamond = (outside: string[] = ['a', 'b', 'c', 'd']) =>
  buildWorkflow(
    registry,
    [
      { id: 'a', type: 'test.value', config: { value: 1, actsOutside: outside.includes('a') } },
      { id: 'b', type: 'test.value', config: { actsOutside: outside.includes('b') } },
      { id: 'c', type: 'test.value', config: { actsOutside: outside.includes('c') } },
      { id: 'd', type: 'test.join' },
    ],
    ['a.out -> b.in', 'a.out -> c.in', 'b.out -> d.a', 'c.out -> d.b'],
  );

/** A store that records what it had stored (events seen by onEvent up to each persist call) and can be made to fail. */
function recordingStore(failAt?: number) {
  const events: EngineEvent[] = [];
  const stored: EngineEvent[][] = [];
  const request: Pick<RunRequest, 'onEvent' | 'persist'> = {
    onEvent: (event) => events.push(event),
    persist: async () => {
      await Promise.resolve(); // a store answers later, never at once
      if (stored.length === failAt) throw new OperonError('OPR-110', 'ENOSPC: no space left on device, write');
      stored.push([...events]);
    },
  };
  return { events, stored, request };
}

function run(request: Pick<RunRequest, 'onEvent' | 'persist'>, workflow = diamond()) {
  return createEngine({ registry, services: createMemoryServices() }).run({
    workflow,
    inputs: {},
    trigger: { type: 'test' },
    ...request,
  }).result;
}

/** Whether `event` had been stored when `node` started: some persist call saw it before node.started of `node`. */
function storedBeforeStart(stored: EngineEvent[][], event: (e: EngineEvent) => boolean, node: string): boolean {
  return stored.some((seen) => seen.some(event) && !seen.some((e) => e.type === 'node.started' && e.nodeId === node));
}

beforeEach(() => calls.clear());
afterEach(() => watchValueRuns(undefined));

describe('persist: the engine waits for the run log', () => {
  it('before the first node starts, and after a node that acts outside settles before its downstream nodes start', async () => {
    const { events, stored, request } = recordingStore();
    const result = await run(request);
    expect(result.status).toBe('succeeded');
    expect(stored[0]?.map((e) => e.type)).toEqual(['run.started']);
    const finishedOf = (id: string) => (e: EngineEvent) => e.type === 'node.finished' && e.nodeId === id;
    expect(storedBeforeStart(stored, finishedOf('a'), 'b')).toBe(true);
    expect(storedBeforeStart(stored, finishedOf('a'), 'c')).toBe(true);
    expect(storedBeforeStart(stored, finishedOf('b'), 'd') && storedBeforeStart(stored, finishedOf('c'), 'd')).toBe(true);
    expect(events.map((e) => e.seq)).toEqual(events.map((_e, i) => i));
  });

  it('not after a pure node settles: its record is stored before a node downstream acts, or at the end', async () => {
    const { events, stored, request } = recordingStore();
    const storedWhenActing = new Map<string, number>();
    watchValueRuns((nodeId) => storedWhenActing.set(nodeId, stored.length));
    // a is pure; b acts outside; c is pure and so is the join.
    const result = await run(request, diamond(['b']));
    expect(result.status).toBe('succeeded');
    const finishedOf = (id: string) => (e: EngineEvent) => e.type === 'node.finished' && e.nodeId === id;
    // Stored: run.json before a starts; before b acts (a's record with it); after b settles; nothing for a, c or d.
    expect(stored).toHaveLength(3);
    expect(stored[0]?.map((e) => e.type)).toEqual(['run.started']);
    const beforeB = stored[storedWhenActing.get('b')! - 1] ?? [];
    expect(beforeB.some(finishedOf('a')) && beforeB.some((e) => e.type === 'node.started' && e.nodeId === 'b')).toBe(true);
    expect(storedBeforeStart(stored, finishedOf('b'), 'd')).toBe(true);
    expect(events.at(-1)).toMatchObject({ type: 'run.finished', status: 'succeeded' });
  });

  it('fails the run when the log cannot be written before the first node, and runs no node', async () => {
    const { events, request } = recordingStore(0);
    const result = await run(request);
    expect(result).toMatchObject({ status: 'failed', error: { code: 'OPR-110', message: expect.stringContaining('ENOSPC') as unknown } });
    expect(events.filter((e) => e.type === 'node.started')).toEqual([]);
    expect(events.at(-1)).toMatchObject({ type: 'run.finished', status: 'failed' });
  });

  it('fails the run when a settled node cannot be stored, and starts nothing downstream of it', async () => {
    const { events, request } = recordingStore(1);
    const result = await run(request);
    expect(result).toMatchObject({ status: 'failed', error: { code: 'OPR-110' } });
    expect(events.filter((e) => e.type === 'node.started').map((e) => (e as { nodeId: string }).nodeId)).toEqual(['a']);
  });
});
