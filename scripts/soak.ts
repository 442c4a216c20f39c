// npm run soak [-- --trials N --seed S --concurrency C]: kill -9 runs at random moments, resume them, count what broke.
import { parseArgs } from 'node:util';
import { runSoak } from '../src-main/cli/testing/soak/soak.ts';

const { values } = parseArgs({
  options: {
    trials: { type: 'string', default: '1000' },
    seed: { type: 'string' },
    concurrency: { type: 'string', default: '2' },
  },
});
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
const trials = Number(values.trials);
process.stdout.write(`soak: ${trials} trials, seed ${seed}, ${values.concurrency} at a time\n`);
const report = await runSoak({
  trials,
  seed,
  concurrency: Number(values.concurrency),
  onTrial: (outcome, done) => {
    if (outcome.problems.length > 0) process.stdout.write(`  ${outcome.trial}: ${outcome.problems.join('; ')}\n`);
    if (done % 25 === 0) process.stdout.write(`  ${done}/${trials}\n`);
  },
});
process.stdout.write(
  [
    `lost runs:              ${report.lostRuns}`,
    `repeated side effects:  ${report.repeatedSideEffects}`,
    `corrupt lines:          ${report.corruptLines}`,
    `wrong outputs:          ${report.wrongOutputs}`,
    `(${report.kills} kills, ${report.resumes} resumes, ${report.notStarted} killed before their run started; ` +
      `${report.trials} trials in ${(report.durationMs / 1000).toFixed(0)} s: ${report.trialsPerMinute.toFixed(1)} trials/min, seed ${seed})`,
  ].join('\n') + '\n',
);
const bad = report.lostRuns + report.repeatedSideEffects + report.corruptLines + report.wrongOutputs;
process.exitCode = bad === 0 ? 0 : 1;
