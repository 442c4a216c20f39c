import type { InputsCheck } from '../../../src-shared/services/sandbox.ts';

/** What the pool sends a sandbox worker. */
export type ToWorker =
  | { kind: 'evaluate'; expression: string; data: unknown; values: Record<string, unknown>; functions: string[] }
  | { kind: 'inputs'; schema: Record<string, unknown>; inputs: Record<string, unknown> }
  /** The answer to a `call`: a host function's result, or that it threw. */
  | { kind: 'reply'; callId: number; ok: true; value: unknown }
  | { kind: 'reply'; callId: number; ok: false };

/** What a sandbox worker sends back. One job at a time: `done` or `failed` ends it. */
export type FromWorker =
  | { kind: 'done'; value: unknown }
  | { kind: 'checked'; result: InputsCheck }
  /** A JSONata error (a plain object with code and position) or another error's message. */
  | { kind: 'failed'; error: unknown }
  /** The expression called a function bound by the host (`$secret`): run it on the host's side. */
  | { kind: 'call'; callId: number; name: string; args: unknown[] };
