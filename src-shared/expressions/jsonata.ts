import jsonata from 'jsonata';
import { OperonError } from '../errors/operon-error.ts';
import type { Sandbox } from '../services/sandbox.ts';
import { isBounded } from './bounded.ts';
import { isTemplate, splitTemplate } from './template.ts';

/** Values bound as `$name` in expressions. Functions bound here run host code, never user text. */
export type Bindings = Record<string, unknown>;

/**
 * Evaluates JSONata expressions and `{{ }}` templates. JSONata is a query language with its own
 * interpreter: user and model text is never run as JavaScript. Compiled expressions are cached per instance.
 */
export interface Expressions {
  /** Rejects with the signal's reason (a node's timeout, a cancellation) when it aborts first. */
  evaluate(expression: string, data: unknown, bindings: Bindings, field: string, signal?: AbortSignal): Promise<unknown>;
  template(text: string, data: unknown, bindings: Bindings, field: string, signal?: AbortSignal): Promise<unknown>;
  /** A reason the expression does not compile, or undefined. */
  check(expression: string): string | undefined;
  /** A reason the template does not parse or one of its expressions does not compile, or undefined. */
  checkTemplate(text: string): string | undefined;
}

const MAX_CACHED = 5_000;
/**
 * How many evaluation steps (JSONata `evaluate` calls) a bounded expression may take in process before it runs again
 * in the sandbox. Counted, not timed, so whether an expression leaves the event loop depends on the expression and its
 * data only, never on the machine's load. About 10 ms of work on a free core.
 */
export const IN_PROCESS_STEPS = 10_000;
const NEVER = new AbortController().signal;
/** JSONata calls this binding before each step; `environment.base` is the one evaluation's root frame. */
const EVALUATE_ENTRY = Symbol.for('jsonata.__evaluate_entry');
const STEPS = Symbol('operon.steps');
/** Thrown by the step counter (a fresh one each time: JSONata adds a position to what passes through it). */
class OverBudget extends Error {}

function countStep(_expr: unknown, _input: unknown, environment: { base: { [STEPS]?: number } }): void {
  const base = environment.base;
  const steps = (base[STEPS] ?? 0) + 1;
  base[STEPS] = steps;
  if (steps > IN_PROCESS_STEPS) throw new OverBudget();
}

interface Compiled {
  expr: jsonata.Expression;
  /** Whether it may run in process (see `isBounded`); always true without a sandbox. */
  inProcess: boolean;
}

/**
 * With a `sandbox`, an expression runs in process only when `isBounded` proves each of its steps linear, and only for
 * `IN_PROCESS_STEPS` steps; past that (a path nested over big data), or when it is not bounded (regexes, functions it
 * defines, ranges, `$eval`), it runs in the sandbox, which a timeout or cancel stops. Without one (static checks, node
 * unit tests), everything runs in process.
 */
export function createExpressions(options: { sandbox?: Sandbox; hostNames?: readonly string[] } = {}): Expressions {
  const { sandbox } = options;
  const hostNames = new Set(options.hostNames ?? ['inputs', 'run', 'secret']);
  const compiled = new Map<string, Compiled>();

  const compile = (expression: string): Compiled => {
    let entry = compiled.get(expression);
    if (entry === undefined) {
      const expr = jsonata(expression);
      const inProcess = sandbox === undefined || isBounded(expr.ast(), hostNames);
      // Only a bounded expression run beside a sandbox needs counting: it has somewhere to go past its budget.
      if (sandbox !== undefined && inProcess) expr.assign(EVALUATE_ENTRY as unknown as string, countStep);
      entry = { expr, inProcess };
      if (compiled.size >= MAX_CACHED) compiled.clear();
      compiled.set(expression, entry);
    }
    return entry;
  };

  const run = async (expression: string, data: unknown, bindings: Bindings, signal: AbortSignal): Promise<unknown> => {
    const { expr, inProcess } = compile(expression);
    if (signal.aborted) throw signal.reason;
    if (inProcess) {
      try {
        return normalise(await expr.evaluate(data, bindings));
      } catch (error) {
        if (!(error instanceof OverBudget)) throw error;
      }
    }
    return sandbox!.evaluate({ expression, data, bindings }, signal);
  };

  const evaluate = async (expression: string, data: unknown, bindings: Bindings, field: string, signal = NEVER): Promise<unknown> => {
    try {
      return await run(expression, data, bindings, signal);
    } catch (error) {
      // A secret read where it may not go already names the secret and the field.
      if (error instanceof OperonError && error.code === 'OPR-190') throw error;
      if (error instanceof OperonError) {
        throw new OperonError(error.code, `expression in ${field}: ${error.message}`, {
          retryable: error.retryable,
          details: { field, expression },
          cause: error,
        });
      }
      throw new OperonError('OPR-107', `expression in ${field} failed: ${describeJsonataError(error)}`, {
        details: { field, expression },
        cause: error,
      });
    }
  };

  return {
    evaluate,
    async template(text, data, bindings, field, signal) {
      if (!isTemplate(text)) return text;
      let parts;
      try {
        parts = splitTemplate(text);
      } catch (error) {
        throw new OperonError('OPR-107', `template in ${field}: ${(error as Error).message}`, { details: { field } });
      }
      const only = parts.length === 1 ? parts[0] : undefined;
      if (only?.kind === 'expression') return evaluate(only.expression, data, bindings, field, signal);
      const pieces = await Promise.all(
        parts.map(async (part) =>
          part.kind === 'text' ? part.text : stringify(await evaluate(part.expression, data, bindings, field, signal)),
        ),
      );
      return pieces.join('');
    },
    check(expression) {
      try {
        compile(expression);
        return undefined;
      } catch (error) {
        return describeJsonataError(error);
      }
    },
    checkTemplate(text) {
      try {
        for (const part of splitTemplate(text)) {
          if (part.kind === 'expression') compile(part.expression);
        }
        return undefined;
      } catch (error) {
        return describeJsonataError(error);
      }
    },
  };
}

function stringify(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** JSONata marks sequences with extra properties; turn results into plain JSON values. */
export function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return Array.from(value, normalise);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = normalise(item);
    return out;
  }
  return value;
}

export function describeJsonataError(error: unknown): string {
  if (error !== null && typeof error === 'object') {
    const e = error as { message?: unknown; position?: unknown; token?: unknown; code?: unknown };
    const message = typeof e.message === 'string' ? e.message : JSON.stringify(error);
    const where = typeof e.position === 'number' ? ` (at character ${e.position})` : '';
    const code = typeof e.code === 'string' ? ` [${e.code}]` : '';
    return `${message}${where}${code}`;
  }
  return String(error);
}
