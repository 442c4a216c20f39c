// Process helpers for scripts/pack-smoke.ts: run a command to its end, or start one and wait for a line it prints.
import { spawn, type ChildProcess } from 'node:child_process';

export interface Ran {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** A step's failure: what ran, where, and everything it printed. */
export class StepFailure extends Error {}

/** Runs `command args…` to its end and returns its exit and output; never throws for a non-zero exit. */
export function run(command: string, args: readonly string[], options: RunOptions): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Fails the step, quoting the command and what it printed, unless `check` holds. */
export function expectRan(ran: Ran, what: string, check: (ran: Ran) => boolean, expected: string): void {
  if (check(ran)) return;
  throw new StepFailure(
    [
      `${what}: expected ${expected}; it exited with ${ran.code ?? ran.signal}`,
      `--- stdout ---\n${ran.stdout.trimEnd()}`,
      `--- stderr ---\n${ran.stderr.trimEnd()}`,
    ].join('\n'),
  );
}

/** A started process that printed a line matching `pattern` on stdout: the match, and the process to stop. */
export function startUntilLine(
  command: string,
  args: readonly string[],
  options: RunOptions,
  pattern: RegExp,
): Promise<{ match: RegExpExecArray; child: ChildProcess; output: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const onData = (chunk: string): void => {
      output += chunk;
      const match = pattern.exec(output);
      if (match !== null) resolve({ match, child, output: () => output });
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.once('error', reject);
    child.once('close', (code, signal) =>
      reject(new StepFailure(`${command} ${args.join(' ')} exited (${code ?? signal}) before printing ${String(pattern)}:\n${output}`)),
    );
  });
}

/** Stops a started process with SIGTERM and resolves with its exit code once it has exited. */
export function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve(child.exitCode);
      return;
    }
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}
