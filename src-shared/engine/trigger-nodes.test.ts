import { beforeEach, describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from '../nodes/builtin.ts';
import { OperonError } from '../errors/operon-error.ts';
import type { RunRequest } from './api.ts';
import { createEngine } from './engine.ts';
import type { EngineEvent } from './events.ts';
import { buildWorkflow } from './testing/build-workflow.ts';
import { createMemoryServices, type MemoryServices } from './testing/memory-services.ts';

const registry = createBuiltinRegistry();
let services: MemoryServices;
let events: EngineEvent[];

beforeEach(() => {
  services = createMemoryServices();
  events = [];
});

/** A manual trigger and a webhook trigger, each feeding a Transform of its own, both joined by an `any` Merge. */
const twoTriggers = () =>
  buildWorkflow(
    registry,
    [
      { id: 'manual', type: 'core.manual-trigger' },
      { id: 'hook', type: 'core.webhook-trigger', config: { path: 'orders' } },
      { id: 'fromHand', type: 'core.transform', config: { expression: '"hand"' } },
      { id: 'fromHook', type: 'core.transform', config: { expression: 'body.order' } },
    ],
    ['manual.out -> fromHand.in', 'hook.out -> fromHook.in'],
  );

function run(trigger: RunRequest['trigger'], inputs: Record<string, unknown> = {}) {
  const engine = createEngine({ registry, services });
  return engine.run({ workflow: twoTriggers(), inputs, trigger, onEvent: (e) => events.push(e) });
}
const statusOf = (nodeId: string) =>
  events
    .filter((e) => 'nodeId' in e && e.nodeId === nodeId && (e.type === 'node.finished' || e.type === 'node.skipped'))
    .map((e) => e.type);
const outputOf = (nodeId: string) => {
  const done = events.find((e) => e.type === 'node.finished' && e.nodeId === nodeId);
  return done?.type === 'node.finished' ? done.outputs.out : undefined;
};

describe('trigger nodes', () => {
  it('a run a trigger node started runs that trigger with its payload and skips the others, and records it', async () => {
    const payload = { method: 'POST', path: 'orders', query: {}, headers: {}, body: { order: 42 }, contentType: 'application/json' };
    const result = await run({ type: 'webhook', nodeId: 'hook', payload }).result;
    expect(result.status).toBe('succeeded');
    expect(outputOf('hook')).toEqual(payload);
    expect(outputOf('fromHook')).toBe(42);
    expect(statusOf('manual')).toEqual(['node.skipped']);
    expect(statusOf('fromHand')).toEqual(['node.skipped']);
    const started = events.find((e) => e.type === 'run.started');
    expect(started?.type === 'run.started' && started.trigger).toEqual({ type: 'webhook', nodeId: 'hook', payload });
  });

  it('a run started by hand runs every trigger; one that is not manual emits a sample marked as such', async () => {
    const result = await run({ type: 'manual' }, { order: 7 }).result;
    expect(result.status).toBe('succeeded');
    expect(outputOf('hook')).toMatchObject({ method: 'POST', path: 'orders', body: { order: 7 }, sample: true });
    expect(outputOf('fromHook')).toBe(7);
    expect(outputOf('fromHand')).toBe('hand');
  });

  it('a run naming a node that is not a trigger of the workflow is refused before anything runs (OPR-230)', async () => {
    const refused = run({ type: 'webhook', nodeId: 'fromHook', payload: {} }).result;
    await expect(refused).rejects.toBeInstanceOf(OperonError);
    await expect(refused).rejects.toMatchObject({ code: 'OPR-230' });
    expect(events).toEqual([]);
  });
});
