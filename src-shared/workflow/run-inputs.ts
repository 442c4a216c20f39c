import { Validator } from '@cfworker/json-schema';
import type { Problem } from '../errors/operon-error.ts';
import { scanJson } from '../limits/json-limits.ts';
import { isReservedName, reservedNameMessage } from '../limits/reserved-names.ts';
import type { Workflow } from './schema.ts';

export type RunInputsResult = { ok: true; inputs: Record<string, unknown> } | { ok: false; problems: Problem[] };

/**
 * Checks run inputs against the workflow's `inputs` JSON Schema and fills top-level defaults.
 * The validator interprets the schema; it never compiles it to code. Inputs nested past the depth limit (OPR-006) or
 * named with a name JavaScript gives a meaning to (OPR-021) are refused first, whatever the schema says.
 */
export function validateRunInputs(workflow: Pick<Workflow, 'inputs'>, inputs: Record<string, unknown>): RunInputsResult {
  const hostile = hostileInputProblems(inputs);
  if (hostile.length > 0) return { ok: false, problems: hostile };
  const schema = workflow.inputs;
  if (schema === undefined) return { ok: true, inputs };
  const filled = { ...inputs };
  const properties = (schema.properties ?? {}) as Record<string, { default?: unknown } | undefined>;
  for (const [name, property] of Object.entries(properties)) {
    if (filled[name] === undefined && property?.default !== undefined) filled[name] = structuredClone(property.default);
  }
  const result = new Validator({ type: 'object', ...schema }, '2020-12', false).validate(filled);
  if (result.valid) return { ok: true, inputs: filled };
  const problems = result.errors
    .filter((error) => error.keyword !== 'properties' && error.keyword !== 'allOf')
    .map((error) => ({
      code: 'OPR-030' as const,
      path: `inputs${error.instanceLocation.replace(/^#/, '').replace(/\//g, '.')}`,
      message: error.error,
    }));
  return {
    ok: false,
    problems: problems.length > 0 ? problems : [{ code: 'OPR-030', message: 'run inputs do not match the inputs schema' }],
  };
}

/** The run inputs' own names that are reserved, and nesting past the depth limit (checked before anything recurses). */
export function hostileInputProblems(inputs: Record<string, unknown>): Problem[] {
  const { tooDeep } = scanJson(inputs, { root: 'inputs' });
  if (tooDeep !== undefined) return [{ code: 'OPR-006', path: tooDeep.path, message: `the run inputs are ${tooDeep.message}` }];
  return Object.keys(inputs)
    .filter(isReservedName)
    .map((name) => ({ code: 'OPR-021' as const, path: `inputs.${name}`, message: reservedNameMessage('the input', name) }));
}
