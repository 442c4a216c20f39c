import { createExpressions } from '../src-shared/expressions/jsonata.ts';
import { createWorkerPool } from '../src-main/services/sandbox/worker-pool.ts';

/** Per-expression costs, in microseconds, of the ways an expression can run. */
export interface ExpressionCost {
  /** `n + 1` in process with no sandbox (no step counting): the engine before the sandbox. */
  plainUs: number;
  /** `n + 1` in process beside a sandbox: bounded, its steps counted. */
  countedUs: number;
  /** `n + 1` sent to a warm worker process and back. */
  sandboxedUs: number;
  /** The first sandboxed expression: a worker process starting, in milliseconds. */
  workerStartMs: number;
}

const EXPRESSION = 'n + 1';
const DATA = { n: 1 };

/** Measures each way `EXPRESSION` can run, one evaluation after another, after a warm-up. */
export async function measureExpressionCost(inProcessRuns = 20_000, sandboxedRuns = 2_000): Promise<ExpressionCost> {
  const pool = createWorkerPool({ size: 1 });
  const never = new AbortController().signal;
  try {
    const plain = createExpressions();
    const counted = createExpressions({ sandbox: pool });
    const perRun = async (runs: number, evaluate: () => Promise<unknown>): Promise<number> => {
      for (let i = 0; i < Math.min(runs, 1_000); i++) await evaluate();
      const started = performance.now();
      for (let i = 0; i < runs; i++) await evaluate();
      return ((performance.now() - started) * 1_000) / runs;
    };
    const plainUs = await perRun(inProcessRuns, () => plain.evaluate(EXPRESSION, DATA, {}, 'bench'));
    const countedUs = await perRun(inProcessRuns, () => counted.evaluate(EXPRESSION, DATA, {}, 'bench'));
    const job = { expression: EXPRESSION, data: DATA, bindings: {} };
    const started = performance.now();
    await pool.evaluate(job, never);
    const workerStartMs = performance.now() - started;
    const sandboxedUs = await perRun(sandboxedRuns, () => pool.evaluate(job, never));
    return { plainUs, countedUs, sandboxedUs, workerStartMs };
  } finally {
    await pool.close();
  }
}

export function renderExpressionCost(cost: ExpressionCost): string {
  const us = (value: number): string => `${value.toFixed(1)} µs`;
  return (
    `Per expression (\`${EXPRESSION}\`, one after another): in process ${us(cost.plainUs)} without a sandbox, ` +
    `${us(cost.countedUs)} bounded with its steps counted; in a warm sandbox worker ${us(cost.sandboxedUs)} ` +
    `(${(cost.sandboxedUs / cost.countedUs).toFixed(0)}× in process); starting a worker ${cost.workerStartMs.toFixed(0)} ms.`
  );
}
