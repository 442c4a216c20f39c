import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../../src-shared/engine/events.ts';
import { createEngine } from '../../../src-shared/engine/engine.ts';
import { buildWorkflow } from '../../../src-shared/engine/testing/build-workflow.ts';
import { createMemoryServices } from '../../../src-shared/engine/testing/memory-services.ts';
import { createBuiltinRegistry } from '../../../src-shared/nodes/builtin.ts';
import { checkSchemaSafely } from '../../../src-shared/services/schema-check.ts';
import { createTimerClock } from '../../../src-shared/services/timer-clock.ts';
import { childProcessLauncher, workerThreadLauncher } from './launchers.ts';
import type { SandboxLauncher } from './protocol.ts';
import { createWorkerPool, type WorkerPool } from './worker-pool.ts';

const REDOS = `$match('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!', /(a+)+$/)`;
const RECURSION = '($f := function($x){ $f($x+1) }; $f(0))';
const LOOP = '($f := function($x){ $x > 1e12 ? $x : $f($x + 1) }; $reduce([1..9999999], function($a, $b){ $a + $b }))';
const MEMORY = '($f := function($a){ $f($append($a, $a)) }; $f([1,2,3,4,5,6,7,8]))';

const registry = createBuiltinRegistry();
const launchers: [string, SandboxLauncher][] = [
  ['child processes', childProcessLauncher()],
  ['worker threads (the packaged desktop app)', workerThreadLauncher()],
];
const pools = new Map(launchers.map(([name, launcher]) => [name, createWorkerPool({ size: 2, maxMemoryMb: 64, launcher })]));
afterAll(() => Promise.all([...pools.values()].map((each) => each.close())));
let pool: WorkerPool;

function transformRun(expression: string, timeoutMs = 500, secrets: Record<string, string> = {}) {
  const services = { ...createMemoryServices({ sandbox: pool, secrets }), clock: createTimerClock() };
  const engine = createEngine({ registry, services });
  const workflow = buildWorkflow(
    registry,
    [
      { id: 'start', type: 'core.manual-trigger' },
      { id: 't', type: 'core.transform', config: { expression }, settings: { timeoutMs, retries: 0 } },
      { id: 'out', type: 'core.output', config: { name: 'result' } },
    ],
    ['start.out -> t.in', 't.out -> out.in'],
  );
  const events: EngineEvent[] = [];
  const handle = engine.run({ workflow, inputs: {}, trigger: { type: 'test' }, onEvent: (event) => events.push(event) });
  return { handle, events };
}

describe.each(launchers)('a pool of %s', (name) => {
  beforeAll(() => {
    pool = pools.get(name)!;
  });

  describe('the worker pool stops runaway expressions', () => {
    it('fails a ReDoS regex with the node timeout while the event loop stays free', async () => {
      const { handle } = transformRun(REDOS);
      // The loop is free: a timer set now fires while the regex runs in its worker.
      const ticked = new Promise<'ticked'>((resolve) => setTimeout(() => resolve('ticked'), 1));
      expect(await Promise.race([ticked, handle.result.then(() => 'finished')])).toBe('ticked');
      const result = await handle.result;
      expect(result.status).toBe('failed');
      expect(result.error?.code).toBe('OPR-100');
    });

    // A worker thread past its heap limit can abort its whole process (nodejs/node#47224), here the test runner itself
    // (seen in full runs, on the recursion, the 10-million-item loop and the memory runaway): the packaged app's engine
    // process is then restarted and the run is interrupted and resumable (README, Reliability). So what can reach the
    // heap limit is tested with child processes only.
    const processesOnly = it.skipIf(name !== 'child processes');
    processesOnly('fails endless recursion and a long loop with the node timeout', async () => {
      for (const expression of [RECURSION, LOOP]) {
        const result = await transformRun(expression, 300).handle.result;
        expect(result.status).toBe('failed');
        // Endless recursion may overflow the worker's stack first: either way it stops, and says why.
        expect(['OPR-100', 'OPR-107']).toContain(result.error?.code);
      }
      const loop = await transformRun(LOOP, 300).handle.result;
      expect(loop.error?.code).toBe('OPR-100');
    });

    processesOnly('fails memory runaway with the memory limit, and the next expression still runs', async () => {
      const result = await transformRun(MEMORY, 20_000).handle.result;
      expect(result.status).toBe('failed');
      expect(result.error?.code).toBe('OPR-114');
      expect(result.error?.message).toContain('64 MB');
      // A fresh worker process starts here: its start-up counts against the node's timeout, so allow for a loaded machine.
      const after = await transformRun('$sum([1..10])', 20_000).handle.result;
      expect(after.outputs).toEqual({ result: 55 });
    });

    it('ends a run cancelled while an expression is stuck, not succeeded', async () => {
      const { handle, events } = transformRun(REDOS, 60_000);
      await new Promise<void>((resolve) => {
        const check = setInterval(() => {
          if (events.some((event) => event.type === 'node.started' && event.nodeId === 't')) {
            clearInterval(check);
            resolve();
          }
        }, 1);
      });
      handle.cancel();
      const result = await handle.result;
      expect(result.status).toBe('cancelled');
    });

    it('runs expressions with regexes and functions correctly in the pool', async () => {
      const expression = `{ "m": $match("ab12", /\\d+/).match, "f": ($f := function($n){ $n < 2 ? $n : $f($n-1) + $f($n-2) }; $f(10)) }`;
      const result = await transformRun(expression, 5_000).handle.result;
      expect(result.outputs).toEqual({ result: { m: '12', f: 55 } });
    });

    it('calls $secret on the host from the pool: a Transform does not send secrets, so the call fails naming it (OPR-190)', async () => {
      const result = await transformRun('($f := function(){ $secret("token") }; $f())', 20_000, { token: 'xyz-secret' }).handle.result;
      expect(result.error).toMatchObject({ code: 'OPR-190', details: { secret: 'TOKEN', field: 'config.expression' } });
    });
  });

  describe('values against a JSON Schema with patterns (an LLM output schema)', () => {
    const schema = { type: 'object', properties: { code: { type: 'string', pattern: '^(a+)+$' } } };
    const never = new AbortController().signal;
    const setTimer = (ms: number, fn: () => void): (() => void) => {
      const timer = setTimeout(fn, ms);
      return () => clearTimeout(timer);
    };

    it('are checked in a worker, with the errors at their paths', async () => {
      expect(await pool.checkSchema(schema, { code: 'aaa' }, never)).toEqual([]);
      expect(await pool.checkSchema(schema, { code: 'ab' }, never)).toContainEqual(
        expect.objectContaining({ keyword: 'pattern', instanceLocation: '#/code' }),
      );
    });

    it('stops a catastrophic pattern at its limit with OPR-223 while the event loop stays free', async () => {
      const check = checkSchemaSafely(pool, setTimer, schema, { code: `${'a'.repeat(40)}!` }, "the model's answer", never);
      const ticked = new Promise<'ticked'>((resolve) => setTimeout(() => resolve('ticked'), 1));
      expect(
        await Promise.race([
          ticked,
          check.then(
            () => 'finished',
            () => 'failed',
          ),
        ]),
      ).toBe('ticked');
      await expect(check).rejects.toMatchObject({ code: 'OPR-223', message: expect.stringContaining("checking the model's answer") });
      // The worker was stopped and replaced: the next check runs.
      expect(await pool.checkSchema(schema, { code: 'aa' }, never)).toEqual([]);
    });
  });

  describe('run inputs with a catastrophic pattern', () => {
    it('are checked in the pool and stopped, not the event loop', async () => {
      const services = { ...createMemoryServices({ sandbox: pool }), clock: createTimerClock() };
      const engine = createEngine({ registry, services });
      const workflow = buildWorkflow(
        registry,
        [{ id: 'start', type: 'core.manual-trigger' }],
        [],
        {},
        { inputs: { type: 'object', properties: { name: { type: 'string', pattern: '^(a+)+$' } } } },
      );
      const bad = 'a'.repeat(40) + '!';
      const run = engine.run({ workflow, inputs: { name: bad }, trigger: { type: 'test' }, onEvent: () => undefined });
      const result = await run.result;
      expect(result.status).toBe('failed');
      expect(result.error?.code).toBe('OPR-030');
      expect(result.error?.message).toContain('took longer than');
      const good = await engine.run({ workflow, inputs: { name: 'aaa' }, trigger: { type: 'test' }, onEvent: () => undefined }).result;
      expect(good.status, JSON.stringify(good.error)).toBe('succeeded');
    });
  });
});

describe('the pool settles every job and lets its host exit', () => {
  it('rejects a job still waiting for a worker when the pool closes, and jobs after that', async () => {
    const small = createWorkerPool({ size: 1 });
    const never = new AbortController().signal;
    const stuck = small.evaluate({ expression: REDOS, data: null, bindings: {} }, never);
    const queued = small.evaluate({ expression: '1 + 1', data: null, bindings: {} }, never);
    const settled = Promise.allSettled([stuck, queued]);
    await small.close();
    const [first, second] = await settled;
    expect(first.status).toBe('rejected');
    expect(second).toMatchObject({ status: 'rejected', reason: { message: 'the sandbox is closed' } });
    await expect(small.evaluate({ expression: '1', data: null, bindings: {} }, never)).rejects.toThrow('the sandbox is closed');
  });

  it('does not keep a process alive once its jobs are done, even unclosed', async () => {
    const script = fileURLToPath(new URL('./testing/pool-without-close.ts', import.meta.url));
    const proc = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    proc.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    // Before idle workers stopped holding a pipe, this process never exited and the test timed out.
    const code = await new Promise<number | null>((resolve) => proc.on('exit', resolve));
    expect(out).toBe('"12"\n');
    expect(code).toBe(0);
  });
});
