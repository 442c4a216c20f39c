import jsonata from 'jsonata';
import { OperonError } from '../errors/operon-error.ts';
import { isTemplate, splitTemplate } from './template.ts';

/** Values bound as `$name` in expressions. Functions bound here run host code, never user text. */
export type Bindings = Record<string, unknown>;

/**
 * Evaluates JSONata expressions and `{{ }}` templates. JSONata is a query language with its own
 * interpreter: user and model text is never run as JavaScript. Compiled expressions are cached per instance.
 */
export interface Expressions {
  evaluate(expression: string, data: unknown, bindings: Bindings, field: string): Promise<unknown>;
  template(text: string, data: unknown, bindings: Bindings, field: string): Promise<unknown>;
  /** A reason the expression does not compile, or undefined. */
  check(expression: string): string | undefined;
  /** A reason the template does not parse or one of its expressions does not compile, or undefined. */
  checkTemplate(text: string): string | undefined;
}

const MAX_CACHED = 5_000;

export function createExpressions(): Expressions {
  const compiled = new Map<string, jsonata.Expression>();

  const compile = (expression: string): jsonata.Expression => {
    let expr = compiled.get(expression);
    if (expr === undefined) {
      expr = jsonata(expression);
      if (compiled.size >= MAX_CACHED) compiled.clear();
      compiled.set(expression, expr);
    }
    return expr;
  };

  const evaluate = async (expression: string, data: unknown, bindings: Bindings, field: string): Promise<unknown> => {
    try {
      const result: unknown = await compile(expression).evaluate(data, bindings);
      return normalise(result);
    } catch (error) {
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
    async template(text, data, bindings, field) {
      if (!isTemplate(text)) return text;
      let parts;
      try {
        parts = splitTemplate(text);
      } catch (error) {
        throw new OperonError('OPR-107', `template in ${field}: ${(error as Error).message}`, { details: { field } });
      }
      const only = parts.length === 1 ? parts[0] : undefined;
      if (only?.kind === 'expression') return evaluate(only.expression, data, bindings, field);
      const pieces = await Promise.all(
        parts.map(async (part) => (part.kind === 'text' ? part.text : stringify(await evaluate(part.expression, data, bindings, field)))),
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
function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return Array.from(value, normalise);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = normalise(item);
    return out;
  }
  return value;
}

function describeJsonataError(error: unknown): string {
  if (error !== null && typeof error === 'object') {
    const e = error as { message?: unknown; position?: unknown; token?: unknown; code?: unknown };
    const message = typeof e.message === 'string' ? e.message : JSON.stringify(error);
    const where = typeof e.position === 'number' ? ` (at character ${e.position})` : '';
    const code = typeof e.code === 'string' ? ` [${e.code}]` : '';
    return `${message}${where}${code}`;
  }
  return String(error);
}
