/** A problem found in run inputs: where, and what. */
export interface InputsProblem {
  path?: string;
  message: string;
}

/** What checking run inputs against the workflow's JSON Schema found: the inputs with defaults filled, or problems. */
export type InputsCheck = { ok: true; inputs: Record<string, unknown> } | { ok: false; problems: InputsProblem[] };

/** One way a value fails a JSON Schema, as the validator says it. */
export interface SchemaError {
  keyword: string;
  /** A JSON Pointer into the value: `#/tags/0`. */
  instanceLocation: string;
  error: string;
}

/** One JSONata evaluation. Values in `bindings` are JSON; a function in them is called back on the caller's side. */
export interface ExpressionJob {
  expression: string;
  data: unknown;
  bindings: Record<string, unknown>;
}

/** How a check's fixed time limit (`INPUTS_CHECK_MS`, `SCHEMA_CHECK_MS`) is started. */
export interface CheckOptions {
  /**
   * Called once, when the check itself starts: a worker that is ready (its modules loaded) has received it. The caller
   * starts its fixed limit here, so the time a worker takes to start (seconds on a loaded machine) never counts against
   * it; `signal` applies from the call on. Not called when the check ends before it starts (an abort, a worker lost).
   */
  onStarted?: () => void;
}

/**
 * CPU-bound work on user text, run where it cannot hold up the caller: JSONata expressions (whose regexes and
 * recursion can run for ever) and JSON Schemas with `pattern` (run inputs, an LLM node's output schema). On Node, a
 * pool of worker processes with memory limits (`src-main/services/sandbox/`); tests of the engine may run it in process.
 *
 * When `signal` aborts, the work is stopped (the worker is terminated) and the promise rejects with the signal's
 * reason: a node's timeout error, or the run's cancellation. A check calls `options.onStarted` as it starts (see
 * {@link CheckOptions}); an implementation that runs checks at once calls it first.
 */
export interface Sandbox {
  /** The expression's result as plain JSON; a JSONata error rejects with JSONata's error object. */
  evaluate(job: ExpressionJob, signal: AbortSignal): Promise<unknown>;
  /** Checks run inputs against a JSON Schema and fills top-level defaults. */
  checkInputs(
    schema: Record<string, unknown>,
    inputs: Record<string, unknown>,
    signal: AbortSignal,
    options?: CheckOptions,
  ): Promise<InputsCheck>;
  /** The errors of `value` against a user's JSON Schema (none when it matches); a schema the validator cannot apply rejects. */
  checkSchema(schema: Record<string, unknown>, value: unknown, signal: AbortSignal, options?: CheckOptions): Promise<SchemaError[]>;
}
