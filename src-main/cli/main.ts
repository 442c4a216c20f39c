import { Command } from 'commander';
import { registerApprovals } from './commands/approvals.ts';
import { registerDecide } from './commands/decide.ts';
import { registerMemory } from './commands/memory.ts';
import { registerRun } from './commands/run.ts';
import { registerRuns } from './commands/runs.ts';
import { registerServe } from './commands/serve.ts';
import { registerValidate } from './commands/validate.ts';
import { reportError, wantsJson } from './report-error.ts';

const program = new Command('operon')
  .description(
    'Operon: run AI-agent workflows headless and inspect their runs.\nExit codes: 0 succeeded, 1 failed or cancelled, 2 invalid (nothing ran), 3 waiting for a decision.\nWarnings (an input the workflow does not declare, a model provider not configured) go to stderr and leave the exit code alone.\nWith --json, stdout gets one JSON object whatever happens; OPERON_DEBUG=1 prints the stack of an unexpected error.',
  )
  .option('--data-dir <dir>', 'where runs and files live (default: $OPERON_HOME or ~/.operon)')
  .option('-w, --workspace <id>', 'the workspace (default: $OPERON_WORKSPACE or "default")')
  .showHelpAfterError()
  .exitOverride();

registerRun(program);
registerValidate(program);
registerRuns(program);
registerDecide(program);
registerApprovals(program);
registerMemory(program);
registerServe(program);

const report = (error: unknown): number =>
  reportError(error, {
    json: wantsJson(process.argv.slice(2)),
    debug: process.env.OPERON_DEBUG === '1',
    stdout: process.stdout,
    stderr: process.stderr,
  });

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
