import { describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from '../nodes/builtin.ts';
import { realClock } from '../nodes/test-context.ts';
import { idempotencyKey } from '../nodes/types/http-support.ts';
import { createEngine } from './engine.ts';
import type { EngineEvent, EventBody } from './events.ts';
import { interruptPolicyOf } from './interrupted-nodes.ts';
import { buildWorkflow } from './testing/build-workflow.ts';
import { createMemoryServices } from './testing/memory-services.ts';

const registry = createBuiltinRegistry();
const URL = 'http://effects.test/pay';
const workflow = buildWorkflow(
  registry,
  [
    { id: 'start', type: 'core.manual-trigger' },
    { id: 'pay', type: 'core.http-request', config: { method: 'POST', url: URL, body: { order: 7 } } },
  ],
  ['start.out -> pay.in'],
);

/** A run's log up to the moment its process died: the trigger finished, then `pay`'s events. */
function loggedUntil(payEvents: EventBody[]): EngineEvent[] {
  const bodies: EventBody[] = [
    { type: 'run.started', workflowId: workflow.id, workflowHash: 'h', trigger: { type: 'manual' }, inputs: {} },
    { type: 'node.queued', nodeId: 'start' },
    { type: 'node.started', nodeId: 'start', attempt: 1, inputs: {} },
    { type: 'node.finished', nodeId: 'start', status: 'succeeded', outputs: { out: {} }, durationMs: 1, attempts: 1 },
    { type: 'node.queued', nodeId: 'pay' },
    ...payEvents,
  ];
  return bodies.map((body, seq) => ({ ...body, seq, ts: seq, runId: 'run-1' }));
}

const failedAttempt = { code: 'OPR-108' as const, message: 'POST returned status 503', retryable: true };

/**
 * Resumes the logged run with a store (`persist`) that keeps what it was given; returns the keys the server got, and
 * for each request whether `pay`'s start of the resume had been stored when it was sent.
 */
async function resume(events: EngineEvent[]) {
  const keys: (string | null)[] = [];
  const startStoredAtSend: boolean[] = [];
  // Real time: the key's hash is real asynchronous work, which virtual time would not wait for.
  const services = { ...createMemoryServices(), clock: realClock };
  const emitted: EngineEvent[] = [];
  let stored = 0;
  const startedNow = (upTo: number): boolean => emitted.slice(0, upTo).some((e) => e.type === 'node.started' && e.nodeId === 'pay');
  services.http = {
    fetch: (_url, init) => {
      keys.push(new Headers(init?.headers).get('idempotency-key'));
      startStoredAtSend.push(startedNow(stored));
      return Promise.resolve(new Response('{"ok":true}', { headers: { 'content-type': 'application/json' } }));
    },
  };
  const result = await createEngine({ registry, services }).run({
    workflow,
    inputs: {},
    trigger: { type: 'manual' },
    runId: 'run-1',
    onEvent: (event) => emitted.push(event),
    persist: async () => {
      const upTo = emitted.length;
      await Promise.resolve(); // a store answers later, never at once
      stored = upTo;
    },
    resume: { events, decisions: [] },
  }).result;
  return { keys, emitted, result, startStoredAtSend };
}

const keyOf = (attempt: number): Promise<string | undefined> =>
  idempotencyKey(
    { method: 'POST', url: URL, body: '{"order":7}', headers: new Headers({ 'content-type': 'application/json' }) },
    { runId: 'run-1', nodeId: 'pay', attempt },
  );

describe('a resumed run with a node that was running when its process died', () => {
  it('sends an HTTP change again as the attempt that was running, so with its Idempotency-Key (not the first attempt’s)', async () => {
    const { keys, emitted, result } = await resume(
      loggedUntil([
        { type: 'node.started', nodeId: 'pay', attempt: 1, inputs: { in: {} } },
        { type: 'node.retry', nodeId: 'pay', attempt: 1, error: failedAttempt, delayMs: 10 },
        { type: 'node.started', nodeId: 'pay', attempt: 2, inputs: { in: {} } },
      ]),
    );
    expect(result.status).toBe('succeeded');
    expect(keys).toEqual([await keyOf(2)]);
    expect(keys[0]).not.toBe(await keyOf(1));
    expect(emitted.filter((e) => e.type === 'node.interrupted')).toMatchObject([{ nodeId: 'pay', attempt: 2, policy: 'resend' }]);
    expect(emitted.filter((e) => e.type === 'node.started').map((e) => e.type === 'node.started' && e.attempt)).toEqual([2]);
  });

  it('goes on with the next attempt when the process died while the node waited to retry: nothing was interrupted', async () => {
    const { keys, emitted } = await resume(
      loggedUntil([
        { type: 'node.started', nodeId: 'pay', attempt: 1, inputs: { in: {} } },
        { type: 'node.retry', nodeId: 'pay', attempt: 1, error: failedAttempt, delayMs: 10 },
      ]),
    );
    expect(keys).toEqual([await keyOf(2)]);
    expect(emitted.some((e) => e.type === 'node.interrupted')).toBe(false);
  });

  it('stores the start of a node that acts outside the run before it acts', async () => {
    const { keys, startStoredAtSend } = await resume(
      loggedUntil([{ type: 'node.started', nodeId: 'pay', attempt: 1, inputs: { in: {} } }]),
    );
    expect(keys).toHaveLength(1);
    expect(startStoredAtSend).toEqual([true]);
  });
});

describe('interrupt policies of the built-in types', () => {
  const policy = (type: string, config: Record<string, unknown> = {}): string => {
    const nodeType = registry.get(type)!;
    return interruptPolicyOf(registry, nodeType, nodeType.config.parse(config));
  };

  it('runs pure nodes and reads again, sends changes again with their key, and asks for what cannot be made safe', () => {
    expect(policy('core.transform')).toBe('rerun');
    expect(policy('core.llm')).toBe('rerun');
    expect(policy('core.approval')).toBe('rerun');
    expect(policy('core.read-file')).toBe('rerun');
    expect(policy('core.http-request', { method: 'GET' })).toBe('rerun');
    expect(policy('core.http-request', { method: 'POST' })).toBe('resend');
    expect(policy('core.http-request', { method: 'DELETE' })).toBe('resend');
    expect(policy('core.write-file', { mode: 'overwrite' })).toBe('rerun');
    expect(policy('core.write-file', { mode: 'append' })).toBe('ask');
    expect(policy('core.write-file', { mode: 'create' })).toBe('ask');
    expect(policy('core.sub-workflow')).toBe('ask');
    expect(policy('core.memory-write')).toBe('ask');
    expect(policy('core.map', { node: { type: 'core.http-request', config: { method: 'POST', url: URL } } })).toBe('resend');
    expect(policy('core.map', { node: { type: 'core.transform', config: {} } })).toBe('rerun');
    expect(policy('core.map', { node: { type: 'core.nope', config: {} } })).toBe('ask');
    expect(policy('core.map', { mode: 'workflow', workflow: 'x.operon.json' })).toBe('ask');
  });
});
