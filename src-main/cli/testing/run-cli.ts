import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { EngineEventSchema, type EngineEvent } from '../../../src-shared/engine/events.ts';
import { workspacePaths } from '../../services/data-dir.ts';
import { RunDocSchema, type RunDoc } from '../../services/run-log/run-doc.ts';
import { nodeFileName } from '../../services/run-log/run-layout.ts';
import { EVENT_WAIT_MS } from '../../services/testing/waiting.ts';

/** Helpers for the CLI end-to-end tests: spawn the real `operon` in a child process, read what it left on disk. */

const BIN = path.resolve(import.meta.dirname, '../../../bin/operon.js');

/** The repository root: the CLI runs from here, as a person would. */
const REPO = path.resolve(import.meta.dirname, '../../..');
export const EXAMPLES = path.join(REPO, 'resources/examples');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** Extra environment variables (the parent's OPERON_* variables never leak in). */
  env?: Record<string, string>;
  /** Kill the process and fail after this long (default EVENT_WAIT_MS: only a hung process, never a slow one). */
  timeoutMs?: number;
  /** Written to the process's standard input, which is then closed (default: no input at all). */
  stdin?: string;
}

/** A running `operon` process. */
export interface RunningCli {
  child: ChildProcess;
  /** Resolves once stderr matches `pattern`; rejects (with what was printed) after `timeoutMs` (default EVENT_WAIT_MS). */
  waitForStderr(pattern: RegExp, timeoutMs?: number): Promise<void>;
  exited: Promise<CliResult>;
}

const tempDirs: string[] = [];

/** A fresh temporary folder (a data dir, or a place for workflow files), removed by {@link removeTempDirs}. */
export async function makeTempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'operon-cli-e2e-'));
  tempDirs.push(dir);
  return dir;
}

/** A fresh data dir for one test. */
export const makeDataDir = makeTempDir;

/** Removes the folders made so far; call it in afterAll. */
export async function removeTempDirs(): Promise<void> {
  await Promise.all(tempDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/**
 * The parent's environment without OPERON_* variables, without colours, and with OPERON_SOURCES=1: the CLI runs from
 * the TypeScript sources under test, never from a build in out/cli/ that may be older than them.
 */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('OPERON_') && key !== 'FORCE_COLOR') env[key] = value;
  return { ...env, NO_COLOR: '1', OPERON_SOURCES: '1', ...extra };
}

/** Starts `node bin/operon.js --data-dir <dataDir> ...args`. */
export function startCli(dataDir: string, args: readonly string[], options: CliOptions = {}): RunningCli {
  const child = spawn(process.execPath, [BIN, '--data-dir', dataDir, ...args], {
    cwd: REPO,
    env: childEnv(options.env),
    stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  if (options.stdin !== undefined) child.stdin?.end(options.stdin);
  let stdout = '';
  let stderr = '';
  const stderrListeners = new Set<() => void>();
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    for (const listener of stderrListeners) listener();
  });
  const timeoutMs = options.timeoutMs ?? EVENT_WAIT_MS;
  const exited = new Promise<CliResult>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`operon ${args.join(' ')} did not exit within ${timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, timeoutMs);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
  const waitForStderr = (pattern: RegExp, waitMs = EVENT_WAIT_MS): Promise<void> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        if (!pattern.test(stderr)) return;
        done();
        resolve();
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`stderr did not match ${String(pattern)} within ${waitMs} ms:\n${stderr}`));
      }, waitMs);
      const done = (): void => {
        clearTimeout(timer);
        stderrListeners.delete(check);
      };
      stderrListeners.add(check);
      check();
    });
  return { child, waitForStderr, exited };
}

/** Runs `operon` to the end. */
export function runCli(dataDir: string, args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  return startCli(dataDir, args, options).exited;
}

export interface NodeSpec {
  id: string;
  type: string;
  label?: string;
  config?: Record<string, unknown>;
  settings?: Record<string, unknown>;
}

/** An edge as `['from.port', 'to.port']`, optionally with its id (default `e1`, `e2`...). */
export type EdgeSpec = [from: string, to: string, id?: string];

/** Writes a workflow file into `dir` (positions and type versions filled in) and returns its path. */
export async function writeWorkflow(
  dir: string,
  name: string,
  spec: { inputs?: unknown; nodes: NodeSpec[]; edges: EdgeSpec[] },
): Promise<string> {
  const split = (end: string): [string, string] => {
    const dot = end.lastIndexOf('.');
    return [end.slice(0, dot), end.slice(dot + 1)];
  };
  const workflow = {
    schemaVersion: 1,
    id: name,
    name,
    ...(spec.inputs === undefined ? {} : { inputs: spec.inputs }),
    nodes: spec.nodes.map((node, index) => ({ typeVersion: 1, position: { x: index * 250, y: 0 }, config: {}, ...node })),
    edges: spec.edges.map(([from, to, id], index) => {
      const [source, sourcePort] = split(from);
      const [target, targetPort] = split(to);
      return { id: id ?? `e${index + 1}`, source, sourcePort, target, targetPort };
    }),
  };
  const file = path.join(dir, `${name}.operon.json`);
  await writeFile(file, `${JSON.stringify(workflow, null, 2)}\n`);
  return file;
}

/** What `run --json` (and `approve --json`) print. */
export interface RunJson {
  runId: string;
  status: string;
  outputs: Record<string, unknown>;
  totals: RunDoc['totals'];
  error?: { code: string; message: string; nodeId?: string };
  pending?: { nodeId: string; request: { title: string; message: string; data?: unknown } }[];
  logDir: string;
}

/** The one JSON object a `--json` command printed on stdout. */
export function parseJsonOut<T = RunJson>(result: CliResult): T {
  const lines = result.stdout.trim().split('\n');
  expect(lines, `stdout is one JSON line; stderr: ${result.stderr}`).toHaveLength(1);
  return JSON.parse(lines[0] ?? '') as T;
}

export function runsDirOf(dataDir: string): string {
  return workspacePaths(dataDir, 'default').runs;
}

/** The workspace's files folder, where workflows read and write. */
export function filesDirOf(dataDir: string): string {
  return workspacePaths(dataDir, 'default').files;
}

/** Every file under `dir`, recursively (none when it does not exist). */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

/** The run folders of the workspace. */
export async function runIds(dataDir: string): Promise<string[]> {
  const entries = await readdir(runsDirOf(dataDir)).catch(() => []);
  return entries.sort();
}

/** The lines of a JSON Lines file, each parsed; fails naming the line when one does not parse or the last is cut off. */
export async function readJsonLines(file: string): Promise<unknown[]> {
  const text = await readFile(file, 'utf8');
  expect(text.endsWith('\n'), `${file} ends with a whole line`).toBe(true);
  return text
    .slice(0, -1)
    .split('\n')
    .map((line, index) => {
      try {
        return JSON.parse(line) as unknown;
      } catch (error) {
        throw new Error(`${file}:${index + 1} is not JSON (${(error as Error).message}): ${line}`, { cause: error });
      }
    });
}

async function readEventFile(file: string): Promise<EngineEvent[]> {
  return (await readJsonLines(file)).map((line, index) => {
    const parsed = EngineEventSchema.safeParse(line);
    if (!parsed.success) throw new Error(`${file}:${index + 1} is not an engine event: ${parsed.error.message}`);
    return parsed.data;
  });
}

export interface RunLogs {
  dir: string;
  run: RunDoc;
  events: EngineEvent[];
  /** Each node's own log, by node id. */
  nodes: Map<string, EngineEvent[]>;
}

/**
 * Reads a run's folder and checks what every run log must hold: run.json for this run whose status and totals
 * match the last event; events.jsonl with whole lines, all engine events of this run, numbered 0..n-1 in order;
 * and for every node that has events, nodes/<id>.jsonl holding exactly those events (and no other node files).
 */
export async function readRunLogs(dataDir: string, runId: string): Promise<RunLogs> {
  const dir = path.join(runsDirOf(dataDir), runId);
  const run = RunDocSchema.parse(JSON.parse(await readFile(path.join(dir, 'run.json'), 'utf8')));
  expect(run.runId).toBe(runId);
  const events = await readEventFile(path.join(dir, 'events.jsonl'));
  expect(
    events.map((event) => event.seq),
    'seq numbers 0..n-1 in file order',
  ).toEqual(events.map((_, index) => index));
  expect(new Set(events.map((event) => event.runId))).toEqual(new Set([runId]));
  expect(events[0]?.type).toBe('run.started');
  expect(run.lastSeq).toBe(events.length - 1);
  const last = events.at(-1);
  if (last?.type === 'run.finished') {
    expect(run.status).toBe(last.status);
    expect(run.totals).toEqual(last.totals);
  } else {
    expect(last?.type, 'a run log ends with run.finished or run.waiting').toBe('run.waiting');
    expect(run.status).toBe('waiting');
  }

  const byNode = new Map<string, EngineEvent[]>();
  for (const event of events) if ('nodeId' in event) byNode.set(event.nodeId, [...(byNode.get(event.nodeId) ?? []), event]);
  const nodeFiles = (await readdir(path.join(dir, 'nodes'))).sort();
  expect(nodeFiles, 'one log file per node that did something').toEqual([...byNode.keys()].map(nodeFileName).sort());
  const nodes = new Map<string, EngineEvent[]>();
  for (const [nodeId, expected] of byNode) {
    const own = await readEventFile(path.join(dir, 'nodes', nodeFileName(nodeId)));
    for (const event of own) expect(event, `nodes/${nodeFileName(nodeId)}`).toMatchObject({ nodeId, runId });
    expect(own, `nodes/${nodeFileName(nodeId)} holds the node's events`).toEqual(expected);
    nodes.set(nodeId, own);
  }
  return { dir, run, events, nodes };
}

/** The nodes with a node.skipped event, sorted. */
export function skippedNodes(events: readonly EngineEvent[]): string[] {
  return events
    .filter((event) => event.type === 'node.skipped')
    .map((event) => event.nodeId)
    .sort();
}

/** How each node finished: node id → succeeded | failed | cached. */
export function finishedStatuses(events: readonly EngineEvent[]): Record<string, string> {
  return Object.fromEntries(events.flatMap((event) => (event.type === 'node.finished' ? [[event.nodeId, event.status]] : [])));
}

export interface SeenRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
}

export interface LoopbackServer {
  url: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1 (a free port) that records every request and answers with `handle`. */
export async function startLoopbackServer(
  handle: (request: SeenRequest, index: number) => { status: number; body: unknown },
): Promise<LoopbackServer> {
  const requests: SeenRequest[] = [];
  const server = http.createServer((req, res) => {
    const seen = { method: req.method ?? '', url: req.url ?? '', headers: req.headers };
    requests.push(seen);
    const { status, body } = handle(seen, requests.length - 1);
    res.writeHead(status, { 'content-type': 'application/json', connection: 'close' });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
      }),
  };
}
