import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { OperonError } from '../../../src-shared/errors/operon-error.ts';
import type { InputsCheck, Sandbox } from '../../../src-shared/services/sandbox.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

export interface WorkerPoolOptions {
  /** Workers at most; jobs past that wait for one. */
  size?: number;
  /** Each worker's heap limit (V8's old generation), in MB. */
  maxMemoryMb?: number;
  /** The worker script; by default sandbox-worker.ts beside this file (sandbox-worker.js in the bundle). */
  workerUrl?: URL;
}

export interface WorkerPool extends Sandbox {
  /** Stops every worker. Jobs in flight, jobs waiting for a worker and jobs started later reject. */
  close(): Promise<void>;
}

const DEFAULT_MEMORY_MB = 256;

/**
 * The Node `Sandbox`: a pool of worker processes, each with a heap limit (`--max-old-space-size`). A job whose signal
 * aborts (the node's timeout, a cancellation) kills its worker, which is replaced on the next job; a worker past its
 * memory limit dies and its job fails with OPR-114. Processes, not worker threads: a worker thread past its
 * `resourceLimits` can abort the whole process (nodejs/node#47224), which this test suite saw on Node 24. Workers
 * start on first use and never keep the process alive while idle.
 */
export function createWorkerPool(options: WorkerPoolOptions = {}): WorkerPool {
  const size = options.size ?? 2;
  const maxMemoryMb = options.maxMemoryMb ?? DEFAULT_MEMORY_MB;
  const workerUrl = options.workerUrl ?? defaultWorkerUrl();
  const idle: ChildProcess[] = [];
  const all = new Set<ChildProcess>();
  const waiters: (() => void)[] = [];
  let closed = false;

  const spawn = (): ChildProcess => {
    const worker = fork(fileURLToPath(workerUrl), [], {
      execArgv: [`--max-old-space-size=${maxMemoryMb}`],
      // The desktop app's utility process runs Electron's binary: as Node, without a window.
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      serialization: 'advanced',
      // No pipes: a pipe is a handle of its own that unref() on the process leaves ref'd, so an idle worker with a
      // piped stderr kept its host alive for ever (the bench's child never exited).
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    });
    all.add(worker);
    worker.once('exit', () => {
      all.delete(worker);
      const at = idle.indexOf(worker);
      if (at >= 0) idle.splice(at, 1);
      // Its slot is free: a job waiting for one may start a new worker.
      waiters.shift()?.();
    });
    return worker;
  };

  const acquire = async (signal: AbortSignal): Promise<ChildProcess> => {
    for (;;) {
      if (closed) throw new Error('the sandbox is closed');
      if (signal.aborted) throw signal.reason;
      const worker = idle.pop() ?? (all.size < size ? spawn() : undefined);
      if (worker !== undefined) return worker;
      await new Promise<void>((resolve, reject) => {
        const onAbort = (): void => {
          waiters.splice(waiters.indexOf(wake), 1);
          reject(signal.reason as Error);
        };
        const wake = (): void => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        };
        waiters.push(wake);
        signal.addEventListener('abort', onAbort, { once: true });
      });
    }
  };

  const release = (worker: ChildProcess, keep: boolean): void => {
    if (keep) {
      setRef(worker, false);
      idle.push(worker);
    } else {
      all.delete(worker);
      worker.kill('SIGKILL');
    }
    waiters.shift()?.();
  };

  const run = async (
    message: ToWorker,
    functions: Record<string, (...args: unknown[]) => unknown>,
    signal: AbortSignal,
  ): Promise<FromWorker> => {
    const worker = await acquire(signal);
    setRef(worker, true);
    const { promise, resolve, reject } = Promise.withResolvers<FromWorker>();
    let settled = false;
    let hostError: unknown;
    const finish = (keep: boolean): boolean => {
      if (settled) return false;
      settled = true;
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      signal.removeEventListener('abort', onAbort);
      release(worker, keep);
      return true;
    };
    const onMessage = (reply: FromWorker): void => {
      if (reply.kind === 'call') {
        const reply_ = (value: unknown, ok: boolean): void =>
          send(worker, ok ? { kind: 'reply', callId: reply.callId, ok, value } : { kind: 'reply', callId: reply.callId, ok });
        new Promise((done) => done(functions[reply.name]?.(...reply.args))).then(
          (value) => reply_(value, true),
          (error: unknown) => {
            hostError ??= error;
            reply_(undefined, false);
          },
        );
      } else if (reply.kind === 'failed') {
        if (finish(true)) reject(hostError ?? reply.error);
      } else if (finish(true)) resolve(reply);
    };
    const onError = (error: Error): void => {
      if (finish(false)) reject(error);
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
      if (!finish(false)) return;
      // V8 aborts the process when its heap passes --max-old-space-size.
      const outOfMemory = signal === 'SIGABRT' || code === 134;
      reject(
        outOfMemory
          ? new OperonError('OPR-114', `ran out of memory: it passed the limit of ${maxMemoryMb} MB`)
          : new Error(`the sandbox worker stopped (${signal ?? `exit code ${code}`})`),
      );
    };
    const onAbort = (): void => {
      if (finish(false)) reject(signal.reason as Error);
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    signal.addEventListener('abort', onAbort, { once: true });
    send(worker, message, (error) => {
      if (finish(false)) reject(error);
    });
    return promise;
  };

  return {
    async evaluate({ expression, data, bindings }, signal) {
      const values: Record<string, unknown> = {};
      const functions: Record<string, (...args: unknown[]) => unknown> = {};
      for (const [name, value] of Object.entries(bindings)) {
        if (typeof value === 'function') functions[name] = value as (...args: unknown[]) => unknown;
        else values[name] = value;
      }
      const reply = await run({ kind: 'evaluate', expression, data, values, functions: Object.keys(functions) }, functions, signal);
      return reply.kind === 'done' ? reply.value : undefined;
    },
    async checkInputs(schema, inputs, signal): Promise<InputsCheck> {
      const reply = await run({ kind: 'inputs', schema, inputs }, {}, signal);
      if (reply.kind !== 'checked') throw new Error('the sandbox worker answered out of turn');
      return reply.result;
    },
    close() {
      closed = true;
      idle.length = 0;
      for (const worker of all) worker.kill('SIGKILL');
      all.clear();
      // Jobs waiting for a worker wake up to find the pool closed, and reject.
      for (const wake of waiters.splice(0)) wake();
      return Promise.resolve();
    },
  };
}

function send(worker: ChildProcess, message: ToWorker, onError: (error: Error) => void = () => undefined): void {
  if (!worker.connected) return onError(new Error('the sandbox worker has stopped'));
  worker.send(message, (error) => {
    if (error !== null) onError(error);
  });
}

/** An idle worker must not keep the CLI alive; a busy one must. */
function setRef(worker: ChildProcess, ref: boolean): void {
  const channel = worker.channel as { ref(): void; unref(): void } | null | undefined;
  if (ref) {
    worker.ref();
    channel?.ref();
  } else {
    worker.unref();
    channel?.unref();
  }
}

/** sandbox-worker.ts beside this file when Node runs the sources; sandbox-worker.js when electron-vite bundled them. */
function defaultWorkerUrl(): URL {
  if (import.meta.url.endsWith('.ts')) return new URL('./sandbox-worker.ts', import.meta.url);
  // The bundle's entries sit in out/main/; code they share may be split into out/main/chunks/.
  return new URL(import.meta.url.includes('/chunks/') ? '../sandbox-worker.js' : './sandbox-worker.js', import.meta.url);
}
