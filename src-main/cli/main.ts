import { Command } from 'commander';
import packageJson from '../../package.json' with { type: 'json' };
import { endQuietlyOnClosedPipes } from './closed-pipe.ts';
import { declareApprovals } from './program/declare-approvals.ts';
import { declareAudit } from './program/declare-audit.ts';
import { declareDecide } from './program/declare-decide.ts';
import { declareMemory } from './program/declare-memory.ts';
import { declarePolicy } from './program/declare-policy.ts';
import { declareRun } from './program/declare-run.ts';
import { declareRuns } from './program/declare-runs.ts';
import { declareSecrets } from './program/declare-secrets.ts';
import { declareQueue } from './program/declare-queue.ts';
import { declareServe } from './program/declare-serve.ts';
import { declareTriggers } from './program/declare-triggers.ts';
import { declareUsers } from './program/declare-users.ts';
import { declareValidate } from './program/declare-validate.ts';
import { declareWorker } from './program/declare-worker.ts';
import { reportError, wantsJson } from './report-error.ts';

// Each command is declared here (its arguments, options and help) and loads what it does only when it runs
// (program/declare-*.ts import commands/*.ts dynamically): `operon --help` loads no engine, `operon run` no LanceDB.
const program = new Command('operon')
  .description(
    'Operon: run AI-agent workflows headless and inspect their runs.\nExit codes: 0 succeeded, 1 failed or cancelled, 2 invalid (nothing ran), 3 waiting for a decision.\nWarnings (an input the workflow does not declare, a model provider not configured) go to stderr and leave the exit code alone.\nWith --json, stdout gets one JSON object whatever happens; OPERON_DEBUG=1 prints the stack of an unexpected error.',
  )
  .version(packageJson.version, '-V, --version', 'print the version of operon')
  .option('--data-dir <dir>', 'where runs and files live (default: $OPERON_HOME or ~/.operon)')
  .option('-w, --workspace <id>', 'the workspace (default: $OPERON_WORKSPACE or "default")')
  .showHelpAfterError()
  .exitOverride();

declareRun(program);
declareValidate(program);
declareRuns(program);
declareDecide(program);
declareApprovals(program);
declareMemory(program);
declareSecrets(program);
declareAudit(program);
declareUsers(program);
declareServe(program);
declareTriggers(program);
declareWorker(program);
declareQueue(program);
declarePolicy(program);

const report = (error: unknown): number =>
  reportError(error, {
    json: wantsJson(process.argv.slice(2)),
    debug: process.env.OPERON_DEBUG === '1',
    stdout: process.stdout,
    stderr: process.stderr,
  });

endQuietlyOnClosedPipes(process, (code) => process.exit(code));

// An error no await reaches (a callback, a promise nobody waits on) ends the process the same way: one line or one
// JSON object, never Node's raw stack. Writes to a pipe or a file are synchronous, so nothing is lost on exit.
const crash = (error: unknown): void => process.exit(report(error));
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = report(error);
}
