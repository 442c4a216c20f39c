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

/**
 * Measures each way `EXPRESSION` can run, one evaluation after another, after a warm-up. The in-process ways take
 * turns over `ROUNDS` rounds and each reports its median round, so a burst of load on a shared machine does not land on
 * one of them only.
 */
export async function measureExpressionCost(inProcessRuns = 4_000, sandboxedRuns = 400): Promise<ExpressionCost> {
  const pool = createWorkerPool({ size: 1 });
  const never = new AbortController().signal;
  try {
    const plain = createExpressions();
    const counted = createExpressions({ sandbox: pool });
    const perRun = async (runs: number, evaluate: () => Promise<unknown>): Promise<number> => {
      const started = performance.now();
      for (let i = 0; i < runs; i++) await evaluate();
      return ((performance.now() - started) * 1_000) / runs;
    };
    const evaluatePlain = () => plain.evaluate(EXPRESSION, DATA, {}, 'bench');
    const evaluateCounted = () => counted.evaluate(EXPRESSION, DATA, {}, 'bench');
    const job = { expression: EXPRESSION, data: DATA, bindings: {} };
    const evaluateSandboxed = () => pool.evaluate(job, never);
    await perRun(inProcessRuns, evaluatePlain);
    await perRun(inProcessRuns, evaluateCounted);
    const started = performance.now();
    await evaluateSandboxed();
    const workerStartMs = performance.now() - started;
    await perRun(sandboxedRuns, evaluateSandboxed);
    const rounds = { plain: [] as number[], counted: [] as number[], sandboxed: [] as number[] };
    for (let round = 0; round < ROUNDS; round++) {
      rounds.plain.push(await perRun(inProcessRuns, evaluatePlain));
      rounds.counted.push(await perRun(inProcessRuns, evaluateCounted));
      rounds.sandboxed.push(await perRun(sandboxedRuns, evaluateSandboxed));
    }
    return {
      plainUs: median(rounds.plain),
      countedUs: median(rounds.counted),
      sandboxedUs: median(rounds.sandboxed),
      workerStartMs,
    };
  } finally {
    await pool.close();
  }
}

const ROUNDS = 7;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

export function renderExpressionCost(cost: ExpressionCost): string {
  const us = (value: number): string => `${value.toFixed(1)} µs`;
  return (
    `Per expression (\`${EXPRESSION}\`, one after another, median of ${ROUNDS} rounds): in process ${us(cost.plainUs)} without a sandbox, ` +
    `${us(cost.countedUs)} bounded with its steps counted; in a warm sandbox worker ${us(cost.sandboxedUs)} ` +
    `(${(cost.sandboxedUs / cost.countedUs).toFixed(0)}× in process); starting a worker ${cost.workerStartMs.toFixed(0)} ms.`
  );
}
