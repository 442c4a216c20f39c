import { z } from 'zod';
import { OperonError } from '../../errors/operon-error.ts';
import { defineNodeType } from '../../nodes/define-node-type.ts';
import { port } from '../../nodes/ports.ts';

/** Node types that exist only for engine tests: they make failures, slowness and counts easy to script. */
export const calls = new Map<string, number>();

const countCall = (id: string): number => {
  const n = (calls.get(id) ?? 0) + 1;
  calls.set(id, n);
  return n;
};

let onValueRun: ((nodeId: string) => void) | undefined;
/** Calls `listener` as each test.value node's run function starts (what the log had stored by then, say); undefined stops. */
export function watchValueRuns(listener: ((nodeId: string) => void) | undefined): void {
  onValueRun = listener;
}

/** Emits its config value; with `inputs`, adds its input to a list so order is visible. */
export const valueNode = defineNodeType({
  type: 'test.value',
  version: 1,
  kind: 'step',
  title: 'Value',
  category: 'Test',
  description: 'Emits a value',
  icon: 'box',
  config: z.object({
    value: z.unknown().default(null),
    sleepMs: z.int().default(0),
    /** Stands for a node with a side effect (policy resend): the engine stores the log before it acts and after. */
    actsOutside: z.boolean().default(false),
  }),
  inputs: { in: port('any') },
  outputs: { out: port('any') },
  onInterrupted: (config) => (config.actsOutside ? 'resend' : 'rerun'),
  async run(ctx) {
    countCall(ctx.node.id);
    onValueRun?.(ctx.node.id);
    if (ctx.config.sleepMs > 0) await ctx.clock.sleep(ctx.config.sleepMs, ctx.signal);
    return { out: ctx.config.value ?? ctx.inputs.in ?? null };
  },
});

/** Fails with a retryable error for its first `failures` attempts. */
export const flakyNode = defineNodeType({
  type: 'test.flaky',
  version: 1,
  kind: 'step',
  title: 'Flaky',
  category: 'Test',
  description: 'Fails, then works',
  icon: 'zap',
  config: z.object({ failures: z.int().default(1), retryable: z.boolean().default(true) }),
  inputs: { in: port('any') },
  outputs: { out: port('string') },
  run(ctx) {
    const n = countCall(ctx.node.id);
    if (n <= ctx.config.failures) return Promise.reject(new OperonError('OPR-102', `failure ${n}`, { retryable: ctx.config.retryable }));
    return Promise.resolve({ out: `ok after ${n}` });
  },
});

/** Never finishes unless aborted. */
export const hangNode = defineNodeType({
  type: 'test.hang',
  version: 1,
  kind: 'step',
  title: 'Hang',
  category: 'Test',
  description: 'Waits for abort',
  icon: 'clock',
  config: z.object({ ignoreAbort: z.boolean().default(false) }),
  inputs: { in: port('any') },
  outputs: { out: port('any') },
  run(ctx) {
    countCall(ctx.node.id);
    return new Promise((_, reject) => {
      if (!ctx.config.ignoreAbort) ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason as Error), { once: true });
    });
  },
});

/** Emits its input on `yes` or `no`. */
export const branchNode = defineNodeType({
  type: 'test.branch',
  version: 1,
  kind: 'step',
  title: 'Branch',
  category: 'Test',
  description: 'Picks a port',
  icon: 'split',
  config: z.object({ yes: z.boolean().default(true) }),
  inputs: { in: port('any') },
  outputs: { yes: port('any'), no: port('any') },
  run(ctx) {
    return Promise.resolve(ctx.config.yes ? { yes: ctx.inputs.in ?? null } : { no: ctx.inputs.in ?? null });
  },
});

/** Two inputs joined by the configured join mode; emits both. */
export const joinNode = defineNodeType({
  type: 'test.join',
  version: 1,
  kind: 'step',
  title: 'Join',
  category: 'Test',
  description: 'Joins',
  icon: 'merge',
  config: z.object({ join: z.enum(['all', 'any', 'first']).default('all') }),
  inputs: { a: port('any'), b: port('any') },
  outputs: { out: port('array') },
  join: (config) => config.join,
  run(ctx) {
    return Promise.resolve({ out: [ctx.inputs.a ?? null, ctx.inputs.b ?? null] });
  },
});

/** Requires a number on its input port. */
export const numberNode = defineNodeType({
  type: 'test.number',
  version: 1,
  kind: 'step',
  title: 'Number',
  category: 'Test',
  description: 'Doubles',
  icon: 'hash',
  config: z.object({}),
  inputs: { n: port('number', { required: true }) },
  outputs: { out: port('number') },
  run(ctx) {
    return Promise.resolve({ out: ctx.inputs.n * 2 });
  },
});

/** Waits for a decision; emits the decision on `approved` or `rejected`. */
export const gateNode = defineNodeType({
  type: 'test.gate',
  version: 1,
  kind: 'step',
  title: 'Gate',
  category: 'Test',
  description: 'Approval',
  icon: 'user',
  config: z.object({}),
  inputs: { in: port('any') },
  outputs: { approved: port('any'), rejected: port('any') },
  cacheable: false,
  run(ctx) {
    countCall(ctx.node.id);
    if (ctx.decision === undefined) ctx.waitForDecision({ title: 'Gate', message: 'ok?', data: ctx.inputs.in });
    const decision = ctx.decision!;
    return Promise.resolve(
      decision.decision === 'approved' ? { approved: decision.value ?? ctx.inputs.in ?? null } : { rejected: decision.comment ?? '' },
    );
  },
});

/** Asks a model once through ctx.llm, with the call options from its config. */
export const askNode = defineNodeType({
  type: 'test.ask',
  version: 1,
  kind: 'step',
  title: 'Ask',
  category: 'Test',
  description: 'One model call',
  icon: 'sparkles',
  config: z.object({
    model: z.string().default('gpt-4o-mini'),
    prompt: z.string().default('hello'),
    cache: z.boolean().default(false),
    fallbackModels: z.array(z.string()).default([]),
    retries: z.int().default(2),
    maxTokens: z.int().optional(),
    stream: z.boolean().default(false),
  }),
  inputs: { in: port('any') },
  outputs: { out: port('any') },
  // Not cacheable as a node, so the tests see the model-response cache on its own.
  cacheable: false,
  async run(ctx) {
    const { model, prompt, cache, fallbackModels, retries, maxTokens, stream } = ctx.config;
    const answer = await ctx.llm.chat(
      { provider: 'test', model, messages: [{ role: 'user', content: prompt }], ...(maxTokens === undefined ? {} : { maxTokens }) },
      { cache, fallbackModels, retries, ...(stream ? { streamPort: 'out' } : {}) },
    );
    return { out: answer.message.content };
  },
});

export const testNodeTypes = [valueNode, flakyNode, hangNode, branchNode, joinNode, numberNode, gateNode, askNode];
