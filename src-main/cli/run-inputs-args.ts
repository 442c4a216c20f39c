import { readFile } from 'node:fs/promises';
import { OperonError } from '../../src-shared/errors/operon-error.ts';
import { textTooLarge } from '../../src-shared/limits/json-limits.ts';
import { isReservedName, reservedNameMessage } from '../../src-shared/limits/reserved-names.ts';
import { describeJsonError } from '../../src-shared/workflow/parse.ts';

/**
 * Builds run inputs from `--input-file F` (a JSON object) then `--input key=value` pairs, which win.
 * A value is coerced by the inputs schema's declared type for that key (number, integer, boolean, object,
 * array); with no declared type it stays a string. Errors name the flag and the key. A file past the size limit
 * (OPR-006) and a reserved key (OPR-021: `--input __proto__=…` would be lost) are refused here; the depth of what was
 * read is checked with the inputs (validateRunInputs), before anything recurses over them.
 */
export async function readRunInputs(
  pairs: readonly string[],
  file: string | undefined,
  schema: Record<string, unknown> | undefined,
): Promise<Record<string, unknown>> {
  let inputs: Record<string, unknown> = {};
  if (file !== undefined) {
    const text = await readFile(file, 'utf8').catch((error: unknown) => {
      throw new OperonError('OPR-030', `--input-file ${file}: ${(error as Error).message}`);
    });
    const tooLarge = textTooLarge(text, `--input-file ${file}`);
    if (tooLarge !== undefined) throw new OperonError('OPR-006', tooLarge);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new OperonError('OPR-030', `--input-file ${file}: ${describeJsonError(text, error)}`);
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
      throw new OperonError('OPR-030', `--input-file ${file}: must hold one JSON object`);
    inputs = parsed as Record<string, unknown>;
  }
  const properties = (schema?.properties ?? {}) as Record<string, { type?: unknown } | undefined>;
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new OperonError('OPR-030', `--input ${pair}: expected key=value`);
    const key = pair.slice(0, eq);
    if (isReservedName(key)) throw new OperonError('OPR-021', `--input ${pair}: ${reservedNameMessage('the input', key)}`);
    inputs[key] = coerce(key, pair.slice(eq + 1), properties[key]?.type);
  }
  return inputs;
}

function coerce(key: string, raw: string, type: unknown): unknown {
  const fail = (what: string): never => {
    throw new OperonError('OPR-030', `--input ${key}=${raw}: expected ${what}`);
  };
  switch (type) {
    case 'number':
    case 'integer': {
      const value = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(value) || (type === 'integer' && !Number.isInteger(value)))
        return fail(`a${type === 'integer' ? 'n integer' : ' number'}`);
      return value;
    }
    case 'boolean':
      if (raw === 'true' || raw === 'false') return raw === 'true';
      return fail('true or false');
    case 'object':
    case 'array':
      try {
        const value: unknown = JSON.parse(raw);
        if (type === 'array' ? Array.isArray(value) : value !== null && typeof value === 'object' && !Array.isArray(value)) return value;
      } catch {
        // falls through to the error below
      }
      return fail(`JSON (${type})`);
    default:
      return raw;
  }
}
