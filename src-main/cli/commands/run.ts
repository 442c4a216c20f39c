import pc from 'picocolors';
import { ApiError } from '../../../src-shared/api/errors.ts';
import { formatProblem, OperonError } from '../../../src-shared/errors/operon-error.ts';
import type { Host } from '../../host/host.ts';
import { planStart, type StartPlan } from '../../host/start-plan.ts';
import { loadWorkflowFile } from '../../host/workflow-files.ts';
import { createWorkerPool } from '../../services/sandbox/worker-pool.ts';
import { openHost, registry, type GlobalOptions } from '../cli-context.ts';
import { EXIT } from '../exit-codes.ts';
import { describePartialRun, readPartialRunArgs, type PartialRunArgs } from '../partial-run-args.ts';
import { printProblems } from '../print-result.ts';
import { createProgressView } from '../progress-view.ts';
import { readRunInputs } from '../run-inputs-args.ts';
import { runUntilDone } from '../run-until-done.ts';

export interface RunOptions extends GlobalOptions, PartialRunArgs {
  input: string[];
  inputFile?: string;
  json?: boolean;
  cache?: boolean;
}

/** `operon run FILE`: validates the workflow and its inputs, runs it here, prints the result; returns the exit code. */
export async function runCommand(file: string, options: RunOptions): Promise<number> {
  const json = options.json === true;
  const loaded = await loadWorkflowFile(file, registry);
  if (!loaded.ok) {
    printProblems(loaded.problems, json, file);
    return EXIT.invalid;
  }
  let inputs: Record<string, unknown>;
  let partial: ReturnType<typeof readPartialRunArgs>;
  try {
    partial = readPartialRunArgs(options);
    inputs = await readRunInputs(options.input, options.inputFile, loaded.workflow.inputs);
  } catch (error) {
    if (!(error instanceof OperonError)) throw error;
    printProblems([{ code: error.code, message: error.message }], json, file);
    return EXIT.invalid;
  }
  const inputsGiven = options.input.length > 0 || options.inputFile !== undefined;
  // A run from a node reads its past run from the workspace: the host opens first. Otherwise bad inputs stop before it.
  const host: Host | undefined = partial.from === undefined ? undefined : await openHost(options);
  let start: StartPlan;
  // Without a host yet, patterned inputs schemas are checked in a pool of their own (it starts a worker only for one).
  const inputsPool = host === undefined ? createWorkerPool({ size: 1 }) : undefined;
  try {
    const past = partial.from === undefined ? undefined : await host?.readPastRun(partial.from.runId);
    start = await planStart({
      workflow: loaded.workflow,
      sandbox: host?.sandbox ?? inputsPool!,
      inputs: inputsGiven || past === undefined ? inputs : undefined,
      ...(partial.from === undefined || past === undefined ? {} : { from: { nodeId: partial.from.nodeId, past } }),
      ...(partial.to === undefined ? {} : { to: partial.to }),
    });
  } catch (error) {
    await host?.close();
    if (!(error instanceof OperonError)) throw error;
    const problems =
      error instanceof ApiError && error.problems !== undefined ? error.problems : [{ code: error.code, message: error.message }];
    printProblems(problems, json, file);
    return EXIT.invalid;
  } finally {
    await inputsPool?.close();
  }
  const runHost = host ?? (await openHost(options));
  const { plan } = start;
  for (const warning of start.warnings ?? []) process.stderr.write(`${pc.yellow('warning')} ${formatProblem(warning)}\n`);
  if (!json && plan !== undefined) for (const line of describePartialRun(plan, partial)) process.stderr.write(`${line}\n`);
  const view = json ? undefined : await createProgressView(process.stderr, process.stderr.isTTY, (text) => runHost.redact(text));
  return runUntilDone(
    runHost,
    (signal) =>
      runHost.startRun({
        workflow: loaded.workflow,
        workflowRef: file,
        inputs: start.inputs,
        signal,
        trigger: { type: 'cli' },
        ...(options.cache === true ? { cache: true } : {}),
        ...(view === undefined ? {} : { onEvent: (event) => view.onEvent(event) }),
        ...(plan === undefined ? {} : { partial: plan.request }),
      }),
    view,
    json,
    plan === undefined ? undefined : { reused: plan.reused, rerun: plan.rerun },
  );
}
