import { describeTooDeep, scanJson } from '../../../limits/json-limits.ts';
import type { SchemaError } from '../../../services/sandbox.ts';
import { isPlainObject } from '../values.ts';

/** Tool-call arguments read and checked: the object to run the tool with, or why not (for the model). */
export type CheckedArguments = { ok: true; args: Record<string, unknown> } | { ok: false; value: unknown; reason: string };

/**
 * Checks a value against the tool's parameters schema: the node's `checkSchema`, which takes a schema with patterns
 * off the event loop (a pattern that backtracks fails the node with OPR-223, it is not the model's mistake).
 */
export type SchemaCheck = (schema: Record<string, unknown>, value: unknown) => Promise<SchemaError[]>;

/**
 * Reads the arguments the model wrote (JSON text; blank means `{}`) and checks them against the tool's
 * parameters schema. The validator interprets the schema; it never compiles it to code.
 */
export async function readArguments(text: string, schema: Record<string, unknown>, check: SchemaCheck): Promise<CheckedArguments> {
  if (text.trim() === '') return checkArguments({}, schema, check);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, value: text, reason: `not valid JSON (${(error as Error).message})` };
  }
  return checkArguments(value, schema, check);
}

/**
 * Checks an arguments value (an object, or JSON text of one: a person's edit may be either) against the schema; a value
 * past the depth limit is refused (and not kept: it would go into the log and back to the model).
 */
export async function checkArguments(value: unknown, schema: Record<string, unknown>, check: SchemaCheck): Promise<CheckedArguments> {
  if (typeof value === 'string') return readArguments(value, schema, check);
  // Before the validator (it recurses): the reason goes back to the model like any other.
  const { tooDeep } = scanJson(value);
  if (tooDeep !== undefined) return { ok: false, value: '(not shown)', reason: `the arguments are ${describeTooDeep(tooDeep)}` };
  const errors = await check(schema, value);
  if (errors.length > 0) {
    const reasons = errors
      .filter((error) => error.keyword !== 'properties' && error.keyword !== 'allOf')
      .map((error) => `${error.instanceLocation === '#' ? '' : `${error.instanceLocation.slice(2)}: `}${error.error}`);
    return { ok: false, value, reason: (reasons.length > 0 ? reasons : ['they do not match the parameters schema']).join('; ') };
  }
  if (!isPlainObject(value)) return { ok: false, value, reason: 'the arguments must be a JSON object' };
  return { ok: true, args: value };
}
