import { afterAll, describe, expect, it } from 'vitest';
import { agentWorkflow, reply, session, step } from '../../../src-shared/nodes/types/agent/test-harness.ts';
import { createMemoryServices, createScriptedTransport } from '../../../src-shared/engine/testing/memory-services.ts';
import { createTimerClock } from '../../../src-shared/services/timer-clock.ts';
import { createWorkerPool } from './worker-pool.ts';

// An agent's tool parameters are a JSON Schema of the workflow's too: a pattern in them is checked against the
// model's arguments in the pool, not on the event loop.

const pool = createWorkerPool({ size: 1 });
afterAll(() => pool.close());

describe("an agent tool's parameters with a catastrophic pattern", () => {
  it('are checked in a worker: the loop keeps ticking, and the node fails with OPR-223 naming the tool', async () => {
    const llm = createScriptedTransport([reply(null, [['c1', 'read_file', { path: `${'a'.repeat(40)}!` }]]), reply('never asked')]);
    const services = { ...createMemoryServices({ llm, sandbox: pool }), clock: createTimerClock() };
    const tool = {
      name: 'read_file',
      description: 'Reads a file',
      kind: 'read_file',
      parameters: { type: 'object', properties: { path: { type: 'string', pattern: '^(a+)+$' } }, required: ['path'] },
    };
    const run = step(session(services, agentWorkflow({ task: 'Read it', tools: [tool] })));
    const ticked = new Promise<'ticked'>((resolve) => setTimeout(() => resolve('ticked'), 1));
    expect(await Promise.race([ticked, run.then(() => 'finished')])).toBe('ticked');
    const result = await run;
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({ code: 'OPR-223', message: expect.stringContaining('the arguments of tool "read_file"') });
    expect(llm.requests).toHaveLength(1);
  });
});
