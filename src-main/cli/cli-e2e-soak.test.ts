import { describe, expect, it } from 'vitest';
import { runSoak } from './testing/soak/soak.ts';

// The bounded soak (npm run soak runs 1,000 trials with a new seed): runs of a workflow with parallel HTTP side effects
// and a file write, killed with SIGKILL right after events of the run (a request received or answered, the file
// written, a progress line) plus a seeded 0-50 ms, then resumed until they end. Kill -9 must lose no run, repeat no side
// effect, cut no log line and change no output. A failure prints the trials and what went wrong; their folders stay.

const TRIALS = Number(process.env.OPERON_SOAK_TRIALS ?? 100);
const SEED = Number(process.env.OPERON_SOAK_SEED ?? 16);

describe('soak: kill -9 at random moments, then resume', () => {
  // About 250 operon processes: minutes on a loaded 2-core machine.
  it(
    `${TRIALS} trials (seed ${SEED}): no lost run, repeated side effect, corrupt line or wrong output`,
    { timeout: 60 * 60_000 },
    async () => {
      const report = await runSoak({ trials: TRIALS, seed: SEED, concurrency: 2 });
      console.log(
        `soak: ${report.trials} trials, ${report.kills} kills, ${report.resumes} resumes, ${report.notStarted} killed before their run started, ` +
          `${(report.durationMs / 1000).toFixed(0)} s (${report.trialsPerMinute.toFixed(1)} trials/min)`,
      );
      expect(report.problems).toEqual([]);
      expect(report).toMatchObject({ trials: TRIALS, lostRuns: 0, repeatedSideEffects: 0, corruptLines: 0, wrongOutputs: 0 });
      expect(report.kills, 'most trials were killed at least once').toBeGreaterThan(TRIALS / 2);
    },
  );
});
