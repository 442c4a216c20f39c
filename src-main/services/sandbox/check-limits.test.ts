import { describe, expect, it, onTestFinished } from 'vitest';
import { checkSchemaSafely, SCHEMA_CHECK_MS } from '../../../src-shared/services/schema-check.ts';
import { checkRunInputs, INPUTS_CHECK_MS } from '../../../src-shared/workflow/run-inputs.ts';
import { childProcessLauncher, workerThreadLauncher } from './launchers.ts';
import type { SandboxLauncher } from './protocol.ts';
import { holdReady } from './testing/held-ready-launcher.ts';
import { createWorkerPool } from './worker-pool.ts';

// The fixed limits on checks (SCHEMA_CHECK_MS, INPUTS_CHECK_MS) count the check, never the worker's start: a worker
// whose `ready` is held back (a start as slow as a loaded machine's) while the host's clock passes the limit many times
// still checks a valid value; once it is ready, a catastrophic pattern is stopped at the limit as before.

const schema = { type: 'object', properties: { code: { type: 'string', pattern: '^(a+)+$' } } };
const catastrophic = `${'a'.repeat(40)}!`;
const never = new AbortController().signal;

/** The host's clock for the checks, moved by the test: `elapse(ms)` fires the timers due by then. */
function manualTimers() {
  let now = 0;
  const timers = new Set<{ due: number; fire: () => void }>();
  return {
    setTimer: (ms: number, fire: () => void): (() => void) => {
      const timer = { due: now + ms, fire };
      timers.add(timer);
      return () => timers.delete(timer);
    },
    elapse: (ms: number): void => {
      now += ms;
      for (const timer of [...timers].filter(({ due }) => due <= now)) {
        timers.delete(timer);
        timer.fire();
      }
    },
    pending: () => timers.size,
  };
}

const settledFlag = (promise: Promise<unknown>): (() => boolean) => {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  return () => settled;
};

/** A turn of the event loop: whatever the pool and the check would do on their own by now, they have done. */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const launchers: [string, () => SandboxLauncher][] = [
  ['child processes', () => childProcessLauncher()],
  ['worker threads (the packaged desktop app)', () => workerThreadLauncher()],
];

describe.each(launchers)('checks in a pool of %s whose workers are slow to start', (_name, makeLauncher) => {
  const slowPool = (options: { startLimitMs?: number } = {}) => {
    const held = holdReady(makeLauncher());
    const pool = createWorkerPool({ size: 1, maxMemoryMb: 64, launcher: held.launcher, ...options });
    onTestFinished(() => pool.close());
    return { held, pool, clock: manualTimers() };
  };

  it("pass a valid model's answer though the limit passes many times before the worker is ready", async () => {
    const { held, pool, clock } = slowPool();
    const check = checkSchemaSafely(pool, clock.setTimer, schema, { code: 'aaa' }, "the model's answer", never);
    await held.readied(1);
    clock.elapse(10 * SCHEMA_CHECK_MS);
    expect(clock.pending()).toBe(0);
    held.release();
    expect(await check).toEqual([]);
  });

  it("stop a catastrophic pattern in a model's answer at the limit, counted from the ready worker", async () => {
    const { held, pool, clock } = slowPool();
    const check = checkSchemaSafely(pool, clock.setTimer, schema, { code: catastrophic }, "the model's answer", never);
    const settled = settledFlag(check);
    await held.readied(1);
    clock.elapse(10 * SCHEMA_CHECK_MS);
    await turn();
    expect(settled()).toBe(false);
    held.release();
    await held.sent('schema', 1);
    clock.elapse(SCHEMA_CHECK_MS - 1);
    await turn();
    expect(settled()).toBe(false);
    clock.elapse(1);
    await expect(check).rejects.toMatchObject({
      code: 'OPR-223',
      message: `checking the model's answer against its schema took longer than ${SCHEMA_CHECK_MS} ms and was stopped: a pattern of the schema backtracks on it; simplify the pattern`,
    });
    // Its worker was killed as a cancel kills it, and the next check runs in a new one.
    await held.ended(1);
    expect(await pool.checkSchema(schema, { code: 'ab' }, never)).toContainEqual(
      expect.objectContaining({ keyword: 'pattern', instanceLocation: '#/code' }),
    );
  });

  it('pass valid run inputs though the limit passes many times before the worker is ready', async () => {
    const { held, pool, clock } = slowPool();
    const check = checkRunInputs(pool, clock.setTimer, { inputs: schema }, { code: 'aaa' });
    await held.readied(1);
    clock.elapse(10 * INPUTS_CHECK_MS);
    held.release();
    expect(await check).toEqual({ ok: true, inputs: { code: 'aaa' } });
  });

  it('stop a catastrophic pattern in run inputs at the limit, counted from the ready worker', async () => {
    const { held, pool, clock } = slowPool();
    const check = checkRunInputs(pool, clock.setTimer, { inputs: schema }, { code: catastrophic });
    const settled = settledFlag(check);
    await held.readied(1);
    clock.elapse(10 * INPUTS_CHECK_MS);
    await turn();
    expect(settled()).toBe(false);
    held.release();
    await held.sent('inputs', 1);
    clock.elapse(INPUTS_CHECK_MS - 1);
    await turn();
    expect(settled()).toBe(false);
    clock.elapse(1);
    expect(await check).toEqual({
      ok: false,
      problems: [
        {
          code: 'OPR-030',
          message: `checking the run inputs took longer than ${INPUTS_CHECK_MS} ms: simplify the patterns of the inputs schema`,
        },
      ],
    });
    await held.ended(1);
  });

  it("still stop a check at its caller's signal (a node's timeout, a cancel) while the worker starts", async () => {
    const { held, pool, clock } = slowPool();
    const controller = new AbortController();
    const check = checkSchemaSafely(pool, clock.setTimer, schema, { code: 'aaa' }, "the model's answer", controller.signal);
    await held.readied(1);
    controller.abort(new Error('node "ask" timed out'));
    await expect(check).rejects.toThrow('node "ask" timed out');
    await held.ended(1);
  });

  it('fail a job whose worker never says it is ready, after the start limit', async () => {
    const { pool, held } = slowPool({ startLimitMs: 50 });
    await expect(pool.checkSchema(schema, { code: 'aaa' }, never)).rejects.toThrow(
      'the sandbox worker stopped (it did not say it was ready within 50 ms)',
    );
    await held.ended(1);
  });
});
