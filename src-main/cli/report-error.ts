import { CommanderError } from 'commander';
import pc from 'picocolors';
import type { ErrorCode } from '../../src-shared/errors/catalogue.ts';
import { isInvalidInputCode } from '../../src-shared/errors/catalogue.ts';
import { formatProblem, InvalidWorkflowError, OperonError, type Problem } from '../../src-shared/errors/operon-error.ts';
import { EXIT } from './exit-codes.ts';

/** Where `operon` reports an error that reached the top: the streams, and how it was asked to print. */
export interface ErrorReportOptions {
  /** `--json` was given: stdout gets one JSON object, whatever failed. */
  json: boolean;
  /** OPERON_DEBUG=1: an unexpected error's stack goes to stderr. Never otherwise. */
  debug: boolean;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/**
 * Reports an error no command handled and returns the exit code. A person gets one line on stderr (the code and
 * message; a stack only with OPERON_DEBUG=1), with or without `--json`; a script that gave `--json` also gets exactly
 * one JSON object on stdout,
 * `{ status: "invalid" | "error", error: { code, message }, problems? }`. Commander has already written its own
 * message for a bad command line (to stderr), so only the JSON is added for it.
 */
export function reportError(error: unknown, options: ErrorReportOptions): number {
  if (error instanceof CommanderError) {
    if (error.exitCode === 0) return EXIT.succeeded; // --help
    if (options.json) printJson(options, 'OPR-171', stripPrefix(error.message));
    return EXIT.invalid;
  }
  if (error instanceof InvalidWorkflowError) {
    const [first] = error.problems;
    if (options.json) printJson(options, first?.code ?? 'OPR-002', error.message.split('\n')[0] ?? '', error.problems);
    options.stderr.write(`${error.message}\n`);
    return EXIT.invalid;
  }
  if (error instanceof OperonError) {
    const problems = 'problems' in error && Array.isArray(error.problems) ? (error.problems as Problem[]) : undefined;
    // stderr is for people, with or without --json; stdout is the one JSON object.
    if (options.json) printJson(options, error.code, error.message, problems);
    options.stderr.write(`${pc.red(error.code)} ${oneLine(error.message)}\n`);
    for (const problem of problems ?? []) options.stderr.write(`  ${formatProblem(problem)}\n`);
    return isInvalidInputCode(error.code) ? EXIT.invalid : EXIT.failed;
  }
  const message = `operon failed unexpectedly: ${describe(error)}`;
  if (options.json) printJson(options, 'OPR-172', message);
  options.stderr.write(`${pc.red('OPR-172')} ${message}\n`);
  if (options.debug && error instanceof Error && error.stack !== undefined) options.stderr.write(`${error.stack}\n`);
  else options.stderr.write('  (set OPERON_DEBUG=1 to print the stack)\n');
  return EXIT.failed;
}

/** Whether `--json` is on the command line (before a `--`, after which arguments are not options). */
export function wantsJson(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).includes('--json');
}

function printJson(options: ErrorReportOptions, code: ErrorCode, message: string, problems?: readonly Problem[]): void {
  const status = code === 'OPR-172' || !isInvalidInputCode(code) ? 'error' : 'invalid';
  options.stdout.write(`${JSON.stringify({ status, error: { code, message }, ...(problems === undefined ? {} : { problems }) })}\n`);
}

/** What failed, in one line: the error's name and first line (a RangeError's "Maximum call stack size exceeded"). */
function describe(error: unknown): string {
  if (error instanceof Error) return oneLine(`${error.name === 'Error' ? '' : `${error.name}: `}${error.message}`);
  return oneLine(String(error));
}

function oneLine(text: string): string {
  const [first = '', ...rest] = text.split('\n');
  return rest.length === 0 ? first : `${first} …`;
}

/** Commander's messages start "error: "; the JSON's code already says it is one. */
function stripPrefix(message: string): string {
  return message.replace(/^error: /, '');
}
