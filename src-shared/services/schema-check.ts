import { Validator } from '@cfworker/json-schema';
import { OperonError } from '../errors/operon-error.ts';
import type { Sandbox, SchemaError } from './sandbox.ts';

export type { SchemaError } from './sandbox.ts';

/** How long checking one value against a schema with patterns may take. */
export const SCHEMA_CHECK_MS = 2_000;

/**
 * The errors of `value` against a JSON Schema (2020-12, every error rather than the first), none when it matches. The
 * validator interprets the schema, never compiles it to code; a schema it cannot apply throws. Runs on the caller's
 * loop: a schema with patterns goes through {@link checkSchemaSafely}.
 */
export function schemaErrors(schema: Record<string, unknown>, value: unknown): SchemaError[] {
  const result = new Validator(schema, '2020-12', false).validate(value);
  return result.valid ? [] : result.errors.map(({ keyword, instanceLocation, error }) => ({ keyword, instanceLocation, error }));
}

/** Whether a JSON Schema has a `pattern` or `patternProperties` anywhere: a regex a backtracking engine can take hours on. */
export function hasPattern(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some(hasPattern);
  return Object.entries(value).some(
    ([key, item]) => ((key === 'pattern' || key === 'patternProperties') && item !== undefined) || hasPattern(item),
  );
}

/**
 * {@link schemaErrors}, safe for any schema: one with patterns is checked in the sandbox (a worker process), stopped
 * after {@link SCHEMA_CHECK_MS} of checking with OPR-223 naming `what`, or when `signal` aborts (the node's timeout, a
 * cancel: then with the signal's reason). The limit counts from when the check starts on a ready worker, never the
 * worker's start. `setTimer` is the host's clock (returns a cancel function).
 */
export async function checkSchemaSafely(
  sandbox: Sandbox,
  setTimer: (ms: number, fn: () => void) => () => void,
  schema: Record<string, unknown>,
  value: unknown,
  what: string,
  signal: AbortSignal,
): Promise<SchemaError[]> {
  signal.throwIfAborted();
  if (!hasPattern(schema)) return schemaErrors(schema, value);
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });
  const limit = startableLimit(setTimer, SCHEMA_CHECK_MS, () =>
    controller.abort(
      new OperonError(
        'OPR-223',
        `checking ${what} against its schema took longer than ${SCHEMA_CHECK_MS} ms and was stopped: a pattern of the schema backtracks on it; simplify the pattern`,
        { details: { limitMs: SCHEMA_CHECK_MS } },
      ),
    ),
  );
  try {
    return await sandbox.checkSchema(schema, value, controller.signal, { onStarted: limit.start });
  } finally {
    limit.cancel();
    signal.removeEventListener('abort', onAbort);
  }
}

/**
 * A fixed limit of `ms` on the host's clock that runs from `start()` (a sandbox's `onStarted`: the check's own start)
 * until `cancel()`; `exceeded` runs if it passes. Starting twice, or after cancel, does nothing.
 */
export function startableLimit(
  setTimer: (ms: number, fn: () => void) => () => void,
  ms: number,
  exceeded: () => void,
): { start: () => void; cancel: () => void } {
  let state: 'waiting' | 'running' | 'over' = 'waiting';
  let cancelTimer = (): void => undefined;
  return {
    start() {
      if (state !== 'waiting') return;
      state = 'running';
      cancelTimer = setTimer(ms, exceeded);
    },
    cancel() {
      state = 'over';
      cancelTimer();
    },
  };
}
