import { spawn, type ChildProcess } from 'node:child_process';
import { watch } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { SideEffectServer } from '../../../services/testing/side-effect-server.ts';

/** Starting `operon` for the soak, and killing it (SIGKILL) when an event of a trial's run says so. */

const BIN = path.resolve(import.meta.dirname, '../../../../bin/operon.js');
const REPO = path.resolve(import.meta.dirname, '../../../..');

/** What sets a kill off: an event of the run, never a time. */
export type KillTrigger =
  /** The server received the process's nth request (its effect is done): killed before the answer is sent. */
  | { kind: 'request'; nth: number }
  /** The server handed its answer to the nth request to the operating system. */
  | { kind: 'answered'; nth: number }
  /** The written file appeared (the rename of Write file's temporary file). */
  | { kind: 'file' }
  /** The process printed its nth progress line (the run is started without --json for this one). */
  | { kind: 'line'; nth: number };

/** A kill: its trigger, then a seeded extra delay (0-50 ms) before the SIGKILL. */
export interface KillPlan {
  trigger: KillTrigger;
  delayMs: number;
}

export interface ProcessEnd {
  killed: boolean;
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface OperonProcessOptions {
  dataDir: string;
  args: readonly string[];
  /** The trial (the `trial` run input): whose requests the server triggers on. */
  trial: string;
  server: SideEffectServer;
  /** The folder the workflow writes its file into (watched for the file trigger). */
  filesDir: string;
  kill: KillPlan | undefined;
  /** A process still running after this long is killed and reported (a hang is a finding, not a wait). */
  timeoutMs: number;
}

/** Runs `node bin/operon.js --data-dir <dataDir> ...args` and kills it when its plan's trigger fires. */
export async function runOperon(options: OperonProcessOptions): Promise<ProcessEnd> {
  const { kill, server, trial } = options;
  const json = kill?.trigger.kind !== 'line';
  const child = spawn(process.execPath, [BIN, '--data-dir', options.dataDir, ...options.args, ...(json ? ['--json'] : [])], {
    cwd: REPO,
    env: childEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let killed = false;
  let hung = false;
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve(code));
  });
  const fire = async (): Promise<void> => {
    if (killed) return;
    killed = true;
    if (kill !== undefined && kill.delayMs > 0) await delay(kill.delayMs);
    child.kill('SIGKILL');
    await exited;
  };
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const disarm = arm(kill?.trigger, { child, server, trial, filesDir: options.filesDir, fire });
  const timer = setTimeout(() => {
    hung = true;
    child.kill('SIGKILL');
  }, options.timeoutMs);
  const code = await exited.finally(() => {
    clearTimeout(timer);
    disarm();
  });
  if (hung) throw new Error(`operon ${options.args.join(' ')} did not end within ${options.timeoutMs} ms\n${stderr}`);
  return { killed: killed && code === null, code, stdout, stderr };
}

interface Armed {
  child: ChildProcess;
  server: SideEffectServer;
  trial: string;
  filesDir: string;
  fire: () => Promise<void>;
}

/** Sets the trigger up; returns what takes it down again. */
function arm(trigger: KillTrigger | undefined, { child, server, trial, filesDir, fire }: Armed): () => void {
  if (trigger === undefined) return () => undefined;
  switch (trigger.kind) {
    case 'request': {
      const base = server.trial(trial).requests;
      server.setHook(trial, (request) => (request.index === base + trigger.nth ? fire() : undefined));
      return () => server.setHook(trial, undefined);
    }
    case 'answered': {
      const base = server.trial(trial).requests;
      return server.onAnswered((request) => {
        if (request.trial === trial && request.index === base + trigger.nth) void fire();
      });
    }
    case 'file': {
      const watcher = watch(filesDir, (_event, name) => {
        if (name === 'out.json') void fire();
      });
      return () => watcher.close();
    }
    case 'line': {
      let lines = 0;
      const onData = (chunk: string): void => {
        lines += chunk.split('\n').length - 1;
        if (lines >= trigger.nth) void fire();
      };
      child.stderr?.on('data', onData);
      return () => child.stderr?.off('data', onData);
    }
  }
}

/**
 * The parent's environment without OPERON_* variables or colours, with Node's compile cache on: most of a trial is
 * `operon` starting, and the cache spares each process compiling the same modules again. OPERON_SOURCES=1: the CLI
 * from its sources under test, never an older build in out/cli/.
 */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('OPERON_') && key !== 'FORCE_COLOR') env[key] = value;
  return { NODE_COMPILE_CACHE: path.join(os.tmpdir(), 'operon-soak-compile-cache'), ...env, NO_COLOR: '1', OPERON_SOURCES: '1' };
}
