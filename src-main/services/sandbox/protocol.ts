import { z } from 'zod';

// The messages between the pool (worker-pool.ts) and a sandbox worker (sandbox-worker.ts), whatever carries them: a
// Node child process's IPC channel or a worker thread's port (launchers.ts). The pool validates everything a worker
// sends (a worker runs user text) with these schemas; the worker checks only the kind of what the pool sends it.

const JsonObject = z.record(z.string(), z.unknown());

/** What the pool sends a sandbox worker. */
export const ToWorkerSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('evaluate'),
    expression: z.string(),
    data: z.unknown(),
    values: JsonObject,
    /** Names of functions bound by the host (`$secret`): the worker calls them back with `call`. */
    functions: z.array(z.string()),
  }),
  z.object({ kind: z.literal('inputs'), schema: JsonObject, inputs: JsonObject }),
  z.object({ kind: z.literal('schema'), schema: JsonObject, value: z.unknown() }),
  /** The answer to a `call`: a host function's result (`ok`), or that it threw. */
  z.object({ kind: z.literal('reply'), callId: z.int().nonnegative(), ok: z.boolean(), value: z.unknown() }),
]);
export type ToWorker = z.infer<typeof ToWorkerSchema>;

const InputsCheckSchema = z.union([
  z.object({ ok: z.literal(true), inputs: JsonObject }),
  z.object({ ok: z.literal(false), problems: z.array(z.object({ path: z.string().optional(), message: z.string() })) }),
]);

/**
 * What a sandbox worker sends back. `ready` first, once, when its modules are loaded: the pool hands it no job before
 * that. Then one job at a time: `done`, `checked`, `schema-checked` or `failed` ends it.
 */
export const FromWorkerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ready') }),
  z.object({ kind: z.literal('done'), value: z.unknown() }),
  z.object({ kind: z.literal('checked'), result: InputsCheckSchema }),
  z.object({
    kind: z.literal('schema-checked'),
    errors: z.array(z.object({ keyword: z.string(), instanceLocation: z.string(), error: z.string() })),
  }),
  /** A JSONata error (a plain object with code and position) or another error's message. */
  z.object({ kind: z.literal('failed'), error: z.unknown() }),
  /** The expression called a function bound by the host (`$secret`): run it on the host's side. */
  z.object({ kind: z.literal('call'), callId: z.int().nonnegative(), name: z.string(), args: z.array(z.unknown()) }),
]);
export type FromWorker = z.infer<typeof FromWorkerSchema>;

/**
 * One sandbox worker as the pool sees it, whatever runs it (launchers.ts): it sends messages, hears the worker's
 * messages (not yet validated) and its end, and can be killed. One listener of each: the pool's.
 */
export interface SandboxWorker {
  /** Sends a message; `onError` hears when it could not be sent (the worker has stopped). */
  send(message: ToWorker, onError: (error: Error) => void): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Hears the worker's end: `outOfMemory` when it passed its heap limit; `description` says how it ended. */
  onExit(listener: (end: { outOfMemory: boolean; description: string }) => void): void;
  /** Stops it at once, whatever it is doing; `onExit` follows. */
  kill(): void;
  /** A busy worker keeps its host process alive; an idle one must not (the CLI exits once its work is done). */
  setBusy(busy: boolean): void;
}

/** Starts one sandbox worker whose heap is capped at `maxMemoryMb`. */
export type SandboxLauncher = (options: { maxMemoryMb: number }) => SandboxWorker;
