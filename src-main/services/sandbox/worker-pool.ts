import { OperonError } from '../../../src-shared/errors/operon-error.ts';
import type { CheckOptions, InputsCheck, Sandbox } from '../../../src-shared/services/sandbox.ts';
import { childProcessLauncher } from './launchers.ts';
import { FromWorkerSchema, type FromWorker, type SandboxLauncher, type SandboxWorker, type ToWorker } from './protocol.ts';

export interface WorkerPoolOptions {
  /** Workers at most; jobs past that wait for one. */
  size?: number;
  /** Each worker's heap limit (V8's old generation), in MB. */
  maxMemoryMb?: number;
  /** What runs a worker: Node child processes by default (launchers.ts). */
  launcher?: SandboxLauncher;
  /**
   * How long a new worker may take to say it is ready before it is killed and its job fails: only a worker that will
   * never answer (a binary that does not run the worker's script) passes it; a loaded machine takes seconds.
   */
  startLimitMs?: number;
}

export interface WorkerPool extends Sandbox {
  /** Stops every worker. Jobs in flight, jobs waiting for a worker and jobs started later reject. */
  close(): Promise<void>;
}

const DEFAULT_MEMORY_MB = 256;
const DEFAULT_START_LIMIT_MS = 120_000;

interface WorkerEnd {
  outOfMemory: boolean;
  description: string;
}

/** A worker, whether it has said it is ready, and the job it is doing (which hears its messages and its end). */
interface Slot {
  worker: SandboxWorker;
  ready: boolean;
  /** The job's hand-over to the worker, waiting for it to be ready. */
  whenReady: (() => void) | undefined;
  job: { onMessage(message: FromWorker): void; onExit(end: WorkerEnd): void } | undefined;
}

/**
 * The Node `Sandbox`: a pool of workers, each with a heap limit, started by a launcher (launchers.ts): child processes
 * by default, worker threads in the packaged desktop app. A job whose signal aborts (the node's timeout, a
 * cancellation) kills its worker, which is replaced on the next job; a worker past its memory limit ends and its job
 * fails with OPR-114. Every message a worker sends is validated (protocol.ts): one that is not ends that worker and
 * fails its job. Workers start on first use and never keep the process alive while idle. A job is handed to a worker
 * once it has said it is ready (its modules loaded); a check's `onStarted` is called then, so the fixed limits on
 * checks count the check and never the worker's start (which its signal, a node's timeout, does count).
 */
export function createWorkerPool(options: WorkerPoolOptions = {}): WorkerPool {
  const size = options.size ?? 2;
  const maxMemoryMb = options.maxMemoryMb ?? DEFAULT_MEMORY_MB;
  const launch = options.launcher ?? childProcessLauncher();
  const startLimitMs = options.startLimitMs ?? DEFAULT_START_LIMIT_MS;
  const idle: Slot[] = [];
  const all = new Set<Slot>();
  const waiters: (() => void)[] = [];
  let closed = false;

  const spawn = (): Slot => {
    const slot: Slot = { worker: launch({ maxMemoryMb }), ready: false, whenReady: undefined, job: undefined };
    all.add(slot);
    const stop = (description: string): void => {
      slot.worker.kill();
      slot.job?.onExit({ outOfMemory: false, description });
    };
    // Unref'd: what keeps the host alive is a busy worker (setBusy), never this timer.
    const startTimer = setTimeout(() => stop(`it did not say it was ready within ${startLimitMs} ms`), startLimitMs);
    startTimer.unref();
    slot.worker.onMessage((raw) => {
      const parsed = FromWorkerSchema.safeParse(raw);
      if (!parsed.success) return stop(`a message that is not of its protocol: ${parsed.error.message}`);
      if (parsed.data.kind !== 'ready') return slot.job?.onMessage(parsed.data);
      if (slot.ready) return stop('it said it was ready twice');
      clearTimeout(startTimer);
      slot.ready = true;
      const handOver = slot.whenReady;
      slot.whenReady = undefined;
      handOver?.();
    });
    slot.worker.onExit((end) => {
      clearTimeout(startTimer);
      all.delete(slot);
      const at = idle.indexOf(slot);
      if (at >= 0) idle.splice(at, 1);
      slot.job?.onExit(end);
      // Its place is free: a job waiting for one may start a new worker.
      waiters.shift()?.();
    });
    return slot;
  };

  const acquire = async (signal: AbortSignal): Promise<Slot> => {
    for (;;) {
      if (closed) throw new Error('the sandbox is closed');
      if (signal.aborted) throw signal.reason;
      const slot = idle.pop() ?? (all.size < size ? spawn() : undefined);
      if (slot !== undefined) return slot;
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

  const release = (slot: Slot, keep: boolean): void => {
    slot.job = undefined;
    slot.whenReady = undefined;
    if (keep && !closed) {
      slot.worker.setBusy(false);
      idle.push(slot);
    } else {
      all.delete(slot);
      slot.worker.kill();
    }
    waiters.shift()?.();
  };

  const run = async (
    message: ToWorker,
    functions: Record<string, (...args: unknown[]) => unknown>,
    signal: AbortSignal,
    onStarted?: () => void,
  ): Promise<FromWorker> => {
    const slot = await acquire(signal);
    slot.worker.setBusy(true);
    const { promise, resolve, reject } = Promise.withResolvers<FromWorker>();
    let settled = false;
    let hostError: unknown;
    const finish = (keep: boolean): boolean => {
      if (settled) return false;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      release(slot, keep);
      return true;
    };
    const onAbort = (): void => {
      if (finish(false)) reject(signal.reason as Error);
    };
    slot.job = {
      onMessage(reply) {
        if (reply.kind === 'call') {
          const answer = (ok: boolean, value?: unknown): void =>
            slot.worker.send({ kind: 'reply', callId: reply.callId, ok, value }, () => undefined);
          new Promise((done) => done(functions[reply.name]?.(...reply.args))).then(
            (value) => answer(true, value),
            (error: unknown) => {
              hostError ??= error;
              answer(false);
            },
          );
        } else if (reply.kind === 'failed') {
          if (finish(true)) reject(hostError ?? reply.error);
        } else if (finish(true)) resolve(reply);
      },
      onExit({ outOfMemory, description }) {
        if (!finish(false)) return;
        reject(
          outOfMemory
            ? new OperonError('OPR-114', `ran out of memory: it passed the limit of ${maxMemoryMb} MB`)
            : new Error(`the sandbox worker stopped (${description})`),
        );
      },
    };
    signal.addEventListener('abort', onAbort, { once: true });
    const handOver = (): void => {
      if (settled) return;
      onStarted?.();
      slot.worker.send(message, (error) => {
        if (finish(false)) reject(error);
      });
    };
    if (slot.ready) handOver();
    else slot.whenReady = handOver;
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
    async checkInputs(schema, inputs, signal, { onStarted }: CheckOptions = {}): Promise<InputsCheck> {
      const reply = await run({ kind: 'inputs', schema, inputs }, {}, signal, onStarted);
      if (reply.kind !== 'checked') throw new Error('the sandbox worker answered out of turn');
      return reply.result;
    },
    async checkSchema(schema, value, signal, { onStarted }: CheckOptions = {}) {
      const reply = await run({ kind: 'schema', schema, value }, {}, signal, onStarted);
      if (reply.kind !== 'schema-checked') throw new Error('the sandbox worker answered out of turn');
      return reply.errors;
    },
    close() {
      closed = true;
      idle.length = 0;
      for (const slot of all) slot.worker.kill();
      all.clear();
      // Jobs waiting for a worker wake up to find the pool closed, and reject.
      for (const wake of waiters.splice(0)) wake();
      return Promise.resolve();
    },
  };
}
