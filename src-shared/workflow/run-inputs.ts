import { Validator } from '@cfworker/json-schema';
import { OperonError, type Problem } from '../errors/operon-error.ts';
import { scanJson } from '../limits/json-limits.ts';
import { isReservedName, reservedNameMessage } from '../limits/reserved-names.ts';
import type { Sandbox } from '../services/sandbox.ts';
import { hasPattern, startableLimit } from '../services/schema-check.ts';
import type { Workflow } from './schema.ts';

export type RunInputsResult = { ok: true; inputs: Record<string, unknown> } | { ok: false; problems: Problem[] };

/**
 * Checks run inputs against the workflow's `inputs` JSON Schema and fills top-level defaults.
 * The validator interprets the schema; it never compiles it to code. Inputs nested past the depth limit (OPR-006) or
 * named with a name JavaScript gives a meaning to (OPR-021) are refused first, whatever the schema says.
 */
export function validateRunInputs(workflow: Pick<Workflow, 'inputs'> & { id?: string }, inputs: Record<string, unknown>): RunInputsResult {
  const hostile = hostileInputProblems(inputs);
  if (hostile.length > 0) return { ok: false, problems: hostile };
  const schema = workflow.inputs;
  if (schema === undefined) return { ok: true, inputs };
  const filled = { ...inputs };
  const properties = (schema.properties ?? {}) as Record<string, { default?: unknown } | undefined>;
  for (const [name, property] of Object.entries(properties)) {
    if (filled[name] === undefined && property?.default !== undefined) filled[name] = structuredClone(property.default);
  }
  let result: ReturnType<Validator['validate']>;
  try {
    result = new Validator({ type: 'object', ...schema }, '2020-12', false).validate(filled);
  } catch (error) {
    // A schema the validator cannot apply (a `required` that is not a list, say) is the workflow's problem.
    return { ok: false, problems: [unusableSchema(error)] };
  }
  if (result.valid) return { ok: true, inputs: filled };
  // An undeclared input the schema forbids is named with the declared ones (OPR-205), not as the validator words it.
  const unknown = schema.additionalProperties === false ? unknownInputProblems(workflow, inputs) : [];
  const problems: Problem[] = [
    ...unknown,
    ...result.errors
      .filter((error) => !NOISE.has(error.keyword))
      .filter((error) => unknown.length === 0 || !isUnknownInputError(error))
      .map(describeError),
  ];
  return {
    ok: false,
    problems: problems.length > 0 ? problems : [{ code: 'OPR-030', message: 'run inputs do not match the inputs schema' }],
  };
}

/** Validator errors that only say a subschema failed; the errors under them say what. */
const NOISE = new Set(['properties', 'allOf', 'anyOf', 'if']);

type ValidatorError = ReturnType<Validator['validate']>['errors'][number];

function isUnknownInputError(error: ValidatorError): boolean {
  if (error.keyword === 'additionalProperties') return error.instanceLocation === '#';
  return error.keyword === 'false' && /^#\/[^/]+$/.test(error.instanceLocation);
}

/** A validator error as a problem: a missing property is named in the path and in plain words. */
function describeError(error: ValidatorError): Problem {
  const path = `inputs${error.instanceLocation.replace(/^#/, '').replace(/\//g, '.')}`;
  const missing = error.keyword === 'required' ? /property "([^"]+)"/.exec(error.error)?.[1] : undefined;
  if (missing === undefined) return { code: 'OPR-030', path, message: error.error };
  return {
    code: 'OPR-030',
    path: `${path}.${missing}`,
    message: path === 'inputs' ? `the input "${missing}" is required` : `"${missing}" is required`,
  };
}

/**
 * OPR-205 for each run input the workflow's inputs schema does not declare, naming the declared ones. None when the
 * schema takes other inputs by pattern or by a schema for them (`patternProperties`, an `additionalProperties` schema).
 * `operon run` and `runs.start` warn with these; a schema with `additionalProperties: false` refuses them.
 */
export function unknownInputProblems(workflow: Pick<Workflow, 'inputs'> & { id?: string }, inputs: Record<string, unknown>): Problem[] {
  const schema = workflow.inputs;
  if (schema !== undefined && (schema.patternProperties !== undefined || isPlainSchema(schema.additionalProperties))) return [];
  const declared = Object.keys(schema?.properties ?? {});
  const who = workflow.id === undefined ? 'the workflow' : `workflow "${workflow.id}"`;
  const listed = declared.length === 0 ? 'declares no inputs' : `declares ${declared.join(', ')}`;
  return Object.keys(inputs)
    .filter((name) => !declared.includes(name))
    .map((name) => ({ code: 'OPR-205' as const, path: `inputs.${name}`, message: `unknown input "${name}": ${who} ${listed}` }));
}

function isPlainSchema(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The run inputs' own names that are reserved, and nesting past the depth limit (checked before anything recurses). */
export function hostileInputProblems(inputs: Record<string, unknown>): Problem[] {
  const { tooDeep } = scanJson(inputs, { root: 'inputs' });
  if (tooDeep !== undefined) return [{ code: 'OPR-006', path: tooDeep.path, message: `the run inputs are ${tooDeep.message}` }];
  return Object.keys(inputs)
    .filter(isReservedName)
    .map((name) => ({ code: 'OPR-021' as const, path: `inputs.${name}`, message: reservedNameMessage('the input', name) }));
}

/** How long checking run inputs against a schema with patterns may take (the check, not a worker's start). */
export const INPUTS_CHECK_MS = 2_000;

/**
 * `validateRunInputs`, safe for any schema: one with a `pattern` or `patternProperties` (a regex a backtracking
 * engine can take hours on) is checked in the sandbox and stopped after `INPUTS_CHECK_MS` of checking (counted from
 * when a ready worker has it, never the worker's start), or when `signal` aborts. `setTimer` is the host's clock
 * (returns a cancel function).
 */
export async function checkRunInputs(
  sandbox: Sandbox,
  setTimer: (ms: number, fn: () => void) => () => void,
  workflow: Pick<Workflow, 'inputs'>,
  inputs: Record<string, unknown>,
  signal?: AbortSignal,
): Promise<RunInputsResult> {
  const schema = workflow.inputs;
  if (schema === undefined || !hasPattern(schema)) return validateRunInputs(workflow, inputs);
  const hostile = hostileInputProblems(inputs);
  if (hostile.length > 0) return { ok: false, problems: hostile };
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  const limit = startableLimit(setTimer, INPUTS_CHECK_MS, () =>
    controller.abort(new OperonError('OPR-030', `checking the run inputs took longer than ${INPUTS_CHECK_MS} ms`)),
  );
  try {
    const result = await sandbox.checkInputs(schema, inputs, controller.signal, { onStarted: limit.start });
    return result.ok ? result : { ok: false, problems: result.problems.map((problem) => ({ code: 'OPR-030', ...problem })) };
  } catch (error) {
    if (signal?.aborted === true) throw error;
    const message = error instanceof OperonError ? error.message : String(error);
    return { ok: false, problems: [{ code: 'OPR-030', message: `${message}: simplify the patterns of the inputs schema` }] };
  } finally {
    limit.cancel();
    signal?.removeEventListener('abort', onAbort);
  }
}

/** OPR-031 for an inputs schema the validator throws on (`validateRunInputs` and validation both use it). */
export function unusableSchema(error: unknown): Problem {
  return {
    code: 'OPR-031',
    path: 'inputs',
    message: `the inputs schema cannot be applied: ${error instanceof Error ? error.message : String(error)}`,
  };
}
