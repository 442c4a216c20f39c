import { Command, CommanderError } from 'commander';
import pc from 'picocolors';
import { isInvalidInputCode } from '../../src-shared/errors/catalogue.ts';
import { InvalidWorkflowError, OperonError } from '../../src-shared/errors/operon-error.ts';
import { registerDecide } from './commands/decide.ts';
import { registerMemory } from './commands/memory.ts';
import { registerRun } from './commands/run.ts';
import { registerRuns } from './commands/runs.ts';
import { registerServe } from './commands/serve.ts';
import { registerValidate } from './commands/validate.ts';
import { EXIT } from './exit-codes.ts';

const program = new Command('operon')
  .description(
    'Operon: run AI-agent workflows headless and inspect their runs.\nExit codes: 0 succeeded, 1 failed or cancelled, 2 invalid (nothing ran), 3 waiting for a decision.',
  )
  .option('--data-dir <dir>', 'where runs and files live (default: $OPERON_HOME or ~/.operon)')
  .option('-w, --workspace <id>', 'the workspace (default: $OPERON_WORKSPACE or "default")')
  .showHelpAfterError()
  .exitOverride();

registerRun(program);
registerValidate(program);
registerRuns(program);
registerDecide(program);
registerMemory(program);
registerServe(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = report(error);
}

function report(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT.invalid;
  if (error instanceof InvalidWorkflowError) {
    process.stderr.write(`${error.message}\n`);
    return EXIT.invalid;
  }
  if (error instanceof OperonError) {
    process.stderr.write(`${pc.red(error.code)} ${error.message}\n`);
    return isInvalidInputCode(error.code) ? EXIT.invalid : EXIT.failed;
  }
  process.stderr.write(
    `${pc.red('operon: unexpected error')} ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  return EXIT.failed;
}
