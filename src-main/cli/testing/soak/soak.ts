import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startSideEffectServer } from '../../../services/testing/side-effect-server.ts';
import { EVENT_WAIT_MS } from '../../../services/testing/waiting.ts';
import { seededRandom } from './seeded-random.ts';
import { planKills, referenceRun, runTrial, type TrialOutcome } from './soak-trial.ts';
import { writeSoakWorkflow } from './soak-workflow.ts';

/**
 * The soak: runs of a workflow with side effects in parallel branches (soak-workflow.ts), each killed with SIGKILL at
 * a moment set off by an event (a request reaching the loopback API, its answer, the file written, a progress line)
 * plus a seeded delay of 0-50 ms, then resumed with `operon runs resume` (sometimes killed again) until it ends. It
 * counts the four things kill -9 must never cause: lost runs, repeated side effects, corrupt log lines, wrong outputs.
 */
export interface SoakOptions {
  trials: number;
  seed: number;
  /** Trials at the same time (each is one operon process at a time). */
  concurrency: number;
  /** A process that runs longer than this is a finding: it hangs (default EVENT_WAIT_MS). */
  timeoutMs?: number;
  /** Told after each trial. */
  onTrial?: (outcome: TrialOutcome, done: number) => void;
}

export interface SoakReport {
  trials: number;
  seed: number;
  lostRuns: number;
  repeatedSideEffects: number;
  corruptLines: number;
  wrongOutputs: number;
  /** Trials killed before their run had a record or had done anything (nothing to lose or repeat). */
  notStarted: number;
  kills: number;
  resumes: number;
  durationMs: number;
  trialsPerMinute: number;
  /** The trials with a problem, and what it was (their data folders are kept). */
  problems: { trial: string; problems: string[] }[];
}

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const started = performance.now();
  const root = await mkdtemp(path.join(os.tmpdir(), 'operon-soak-'));
  const server = await startSideEffectServer();
  const context = { root, workflow: await writeSoakWorkflow(root), server, timeoutMs: options.timeoutMs ?? EVENT_WAIT_MS };
  const outcomes: TrialOutcome[] = [];
  try {
    const reference = await referenceRun(context);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < options.trials) {
        const index = next++;
        // Each trial has its own generator: the same seed gives the same kills whatever the order trials finish in.
        const kills = planKills(seededRandom(options.seed * 7919 + index));
        const outcome = await runTrial(context, `t${index}`, kills, reference);
        outcomes.push(outcome);
        options.onTrial?.(outcome, outcomes.length);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  } finally {
    await server.close();
    if (outcomes.every((outcome) => outcome.problems.length === 0)) await rm(root, { recursive: true, force: true });
  }
  const durationMs = performance.now() - started;
  const sum = (pick: (outcome: TrialOutcome) => number): number => outcomes.reduce((total, outcome) => total + pick(outcome), 0);
  return {
    trials: outcomes.length,
    seed: options.seed,
    lostRuns: sum((o) => (o.lost ? 1 : 0)),
    repeatedSideEffects: sum((o) => o.repeated),
    corruptLines: sum((o) => o.corruptLines),
    wrongOutputs: sum((o) => (o.wrongOutputs ? 1 : 0)),
    notStarted: sum((o) => (o.notStarted ? 1 : 0)),
    kills: sum((o) => o.kills),
    resumes: sum((o) => o.resumes),
    durationMs,
    trialsPerMinute: outcomes.length / (durationMs / 60_000),
    problems: outcomes.filter((o) => o.problems.length > 0).map((o) => ({ trial: o.trial, problems: o.problems })),
  };
}
