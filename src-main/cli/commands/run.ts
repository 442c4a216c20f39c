import path from 'node:path';
import type { Command } from 'commander';
import { OperonError } from '../../../src-shared/errors/operon-error.ts';
import { validateRunInputs } from '../../../src-shared/workflow/run-inputs.ts';
import { loadWorkflowFile } from '../../host/workflow-files.ts';
import { openHost, registry, type GlobalOptions } from '../cli-context.ts';
import { EXIT } from '../exit-codes.ts';
import { printProblems } from '../print-result.ts';
import { createProgressView } from '../progress-view.ts';
import { readRunInputs } from '../run-inputs-args.ts';
import { runUntilDone } from '../run-until-done.ts';

interface RunOptions extends GlobalOptions {
  input: string[];
  inputFile?: string;
  json?: boolean;
  cache?: boolean;
}

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('Validate and run a workflow file, showing each node as it goes, then print the outputs')
    .argument('<file>', 'the workflow file (.operon.json)')
    .option('-i, --input <key=value>', "a run input (repeatable); typed by the workflow's inputs schema", collect, [])
    .option('--input-file <file>', 'run inputs as a JSON object (--input values win)')
    .option('--cache', 'reuse recorded node outputs whose type, config and inputs are unchanged')
    .option('--json', 'print one JSON object (runId, status, outputs, totals) and no progress')
    .action(async (file: string, options: RunOptions, command: Command) => {
      process.exitCode = await runCommand(path.resolve(file), { ...command.optsWithGlobals<GlobalOptions>(), ...options });
    });
}

async function runCommand(file: string, options: RunOptions): Promise<number> {
  const json = options.json === true;
  const loaded = await loadWorkflowFile(file, registry);
  if (!loaded.ok) {
    printProblems(loaded.problems, json, file);
    return EXIT.invalid;
  }
  let inputs: Record<string, unknown>;
  try {
    inputs = await readRunInputs(options.input, options.inputFile, loaded.workflow.inputs);
  } catch (error) {
    if (!(error instanceof OperonError)) throw error;
    printProblems([{ code: error.code, message: error.message }], json, file);
    return EXIT.invalid;
  }
  const checked = validateRunInputs(loaded.workflow, inputs);
  if (!checked.ok) {
    printProblems(checked.problems, json, file);
    return EXIT.invalid;
  }
  const host = await openHost(options);
  const view = json ? undefined : createProgressView(process.stderr, process.stderr.isTTY, (text) => host.redact(text));
  return runUntilDone(
    host,
    (signal) =>
      host.startRun({
        workflow: loaded.workflow,
        workflowRef: file,
        inputs: checked.inputs,
        signal,
        trigger: { type: 'cli' },
        ...(options.cache === true ? { cache: true } : {}),
        ...(view === undefined ? {} : { onEvent: (event) => view.onEvent(event) }),
      }),
    view,
    json,
  );
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
