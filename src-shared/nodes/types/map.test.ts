import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { OperonError } from '../../errors/operon-error.ts';
import { builtinNodeTypes } from '../builtin.ts';
import { defineNodeType } from '../define-node-type.ts';
import { port } from '../ports.ts';
import { createRegistry } from '../registry.ts';
import { createCheckHelpers, runTestNode } from '../test-context.ts';
import { map } from './map.ts';

/** A registry with the built-ins plus a probe type that counts how many run at once. */
function probeRegistry(): { registry: ReturnType<typeof createRegistry>; stats: { inFlight: number; max: number; started: number[] } } {
  const stats = { inFlight: 0, max: 0, started: [] as number[] };
  const probe = defineNodeType({
    type: 'test.probe',
    version: 1,
    kind: 'step',
    title: 'Probe',
    category: 'Flow',
    description: 'Counts concurrent runs.',
    icon: 'bug',
    config: z.object({ ms: z.int().default(30), failOn: z.number().default(-1) }),
    inputs: { in: port('number') },
    outputs: { out: port('number') },
    run: async (ctx) => {
      const item = ctx.inputs.in ?? 0;
      stats.started.push(item);
      stats.inFlight++;
      stats.max = Math.max(stats.max, stats.inFlight);
      try {
        await ctx.clock.sleep(ctx.config.ms, ctx.signal);
        if (item === ctx.config.failOn) throw new Error(`bad item ${item}`);
        return { out: item * 2 };
      } finally {
        stats.inFlight--;
      }
    },
  });
  return { registry: createRegistry([...builtinNodeTypes, probe]), stats };
}

describe('core.map', () => {
  it('runs a real inner node per item, keeping item order', async () => {
    const { outputs } = await runTestNode(map, {
      config: { node: { type: 'core.transform', config: { expression: '{ "n": n, "sq": n * n }' } } },
      inputs: { items: [{ n: 3 }, { n: 1 }, { n: 2 }] },
    });
    expect(outputs).toEqual({
      out: [
        { n: 3, sq: 9 },
        { n: 1, sq: 1 },
        { n: 2, sq: 4 },
      ],
    });
  });

  it("takes the inner node's first declared port that was emitted", async () => {
    const { outputs } = await runTestNode(map, {
      config: { node: { type: 'core.condition', config: { expression: '$ > 1' } } },
      inputs: { items: [1, 2] },
    });
    expect(outputs).toEqual({ out: [1, 2] });
  });

  it('never runs more items at once than the concurrency', async () => {
    const { registry, stats } = probeRegistry();
    const items = Array.from({ length: 10 }, (_, i) => i);
    const { outputs } = await runTestNode(map, { registry, config: { concurrency: 3, node: { type: 'test.probe' } }, inputs: { items } });
    expect(outputs.out).toEqual(items.map((i) => i * 2));
    expect(stats.max).toBe(3);
    expect(stats.started).toHaveLength(10);
  });

  it('collects item errors with onItemError collect', async () => {
    const { outputs, logs } = await runTestNode(map, {
      config: { onItemError: 'collect', node: { type: 'core.transform', config: { expression: '$ * 10' } } },
      inputs: { items: [1, 'x', 3] },
    });
    expect(outputs.out).toEqual([10, 30]);
    expect(outputs.errors).toEqual([{ index: 1, error: expect.objectContaining({ code: 'OPR-107' }) as unknown }]);
    expect(logs.some((line) => line.level === 'warn' && line.message.includes('1 of 3'))).toBe(true);
  });

  it('does not emit errors when every item succeeded', async () => {
    const { outputs } = await runTestNode(map, { config: { onItemError: 'collect' }, inputs: { items: [1] } });
    expect(outputs).toEqual({ out: [1] });
  });

  it('fails with OPR-113 on the first failed item and starts no more', async () => {
    const { registry, stats } = probeRegistry();
    const error: unknown = await runTestNode(map, {
      registry,
      config: { concurrency: 1, node: { type: 'test.probe', config: { ms: 5, failOn: 1 } } },
      inputs: { items: [0, 1, 2, 3] },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OperonError);
    expect((error as OperonError).code).toBe('OPR-113');
    expect((error as OperonError).message).toBe('item 1 failed: bad item 1');
    expect((error as OperonError).details?.index).toBe(1);
    expect(stats.started).toEqual([0, 1]);
  });

  it('runs a sub-workflow per item in workflow mode, with the item itself as its inputs', async () => {
    const calls: unknown[] = [];
    const { outputs } = await runTestNode(map, {
      config: { mode: 'workflow', workflow: './child.operon.json' },
      inputs: { items: [{ name: 'a' }, { name: 'b' }] },
      runWorkflow: (ref, inputs) => {
        calls.push({ ref, inputs });
        return Promise.resolve({ upper: String(inputs.name).toUpperCase() });
      },
    });
    expect(outputs).toEqual({ out: [{ upper: 'A' }, { upper: 'B' }] });
    expect(calls).toEqual([
      { ref: './child.operon.json', inputs: { name: 'a' } },
      { ref: './child.operon.json', inputs: { name: 'b' } },
    ]);
  });

  it('shapes the inputs with the inputs expression ($index is the position); an item that is no object needs one', async () => {
    const calls: unknown[] = [];
    const runWorkflow = (_ref: string, inputs: Record<string, unknown>) => {
      calls.push(inputs);
      return Promise.resolve({});
    };
    // Version 1's shape, as its migration writes it.
    const config = { mode: 'workflow', workflow: './child.operon.json', inputs: '{ "item": $, "index": $index }' };
    await runTestNode(map, { config, inputs: { items: ['a', 'b'] }, runWorkflow });
    expect(calls).toEqual([
      { item: 'a', index: 0 },
      { item: 'b', index: 1 },
    ]);
    const error: unknown = await runTestNode(map, {
      config: { mode: 'workflow', workflow: './child.operon.json' },
      inputs: { items: ['a'] },
      runWorkflow,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'OPR-113', message: expect.stringContaining('item 0 is a string, not the object of inputs') });
  });

  it('stops when the run is cancelled', async () => {
    const { registry, stats } = probeRegistry();
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('cancelled')), 40);
    const run = runTestNode(map, {
      registry,
      signal: controller.signal,
      config: { concurrency: 1, node: { type: 'test.probe' } },
      inputs: { items: [1, 2, 3, 4, 5, 6] },
    });
    await expect(run).rejects.toThrow('cancelled');
    expect(stats.started.length).toBeLessThan(6);
  });

  it('checks the inner node and the workflow reference', () => {
    const helpers = createCheckHelpers();
    const check = (config: unknown): string[] => map.check(map.config.parse(config), helpers).map((p) => p.path);
    expect(check({})).toEqual([]);
    expect(check({ node: { type: 'core.nope' } })).toEqual(['node.type']);
    expect(check({ node: { type: 'core.transform', config: { expression: '(' } } })).toEqual(['node.config.expression']);
    expect(check({ node: { type: 'core.delay', config: { ms: 'soon' } } })).toEqual(['node.config.ms']);
    expect(check({ mode: 'workflow' })).toEqual(['workflow']);
  });
});
