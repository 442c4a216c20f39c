import type { MemoryFilter, Scalar } from '../../../src-shared/memory/types.ts';
import { OperonError } from '../../../src-shared/errors/operon-error.ts';

/**
 * LanceDB SQL filters built from structured values. User text only ever enters a filter as a single-quoted literal
 * with `'` doubled (LanceDB's parser treats `\` as an ordinary character, so nothing else needs escaping), numbers
 * only when finite, and column names only from allow-lists, quoted with backticks.
 */

/** A single-quoted SQL string literal. */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** A SQL literal for a string, a finite number or a boolean; anything else is OPR-140. */
export function sqlScalar(value: unknown, what: string): string {
  if (typeof value === 'string') return sqlString(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new OperonError('OPR-140', `${what} must be a finite number, got ${String(value)}`);
    return String(value);
  }
  throw new OperonError('OPR-140', `${what} must be a string, number or boolean`);
}

const identifier = /^[a-z][a-z0-9_]{0,62}$/;

/** A backtick-quoted column name, which must be in `allowed`. */
export function sqlColumn(name: string, allowed: ReadonlySet<string>): string {
  if (!allowed.has(name) || !identifier.test(name)) throw new OperonError('OPR-140', `unknown field "${name}"`);
  return `\`${name}\``;
}

/** The `meta_kv` entry of one top-level metadata value: unambiguous whatever the key or value contain. */
export function metaEntry(key: string, value: Scalar): string {
  return JSON.stringify([key, value]);
}

/** The `meta_kv` entries of a record's metadata: one per top-level string, finite number or boolean. */
export function metaEntries(metadata: Record<string, unknown>): string[] {
  const entries: string[] = [];
  for (const [key, value] of Object.entries(metadata)) {
    if (typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) {
      entries.push(metaEntry(key, value));
    }
  }
  return entries;
}

const sourceColumns = { workflowId: 'source_workflow', runId: 'source_run', nodeId: 'source_node' } as const;

/** Conditions of a source filter, shared by every table that records a source. */
export function sourceConditions(source: MemoryFilter['source']): string[] {
  const conditions: string[] = [];
  for (const [field, column] of Object.entries(sourceColumns)) {
    const value = source?.[field as keyof typeof sourceColumns];
    if (value === undefined) continue;
    if (typeof value !== 'string') throw new OperonError('OPR-140', `filter.source.${field} must be a string`);
    conditions.push(`${column} = ${sqlString(value)}`);
  }
  return conditions;
}

/** The `where` of a semantic-memory filter, or undefined when it matches everything. */
export function semanticWhere(filter: MemoryFilter | undefined): string | undefined {
  if (filter === undefined) return undefined;
  const conditions: string[] = [];
  if (filter.collection !== undefined) {
    if (typeof filter.collection !== 'string') throw new OperonError('OPR-140', 'filter.collection must be a string');
    conditions.push(`collection = ${sqlString(filter.collection)}`);
  }
  for (const tag of filter.tags ?? []) {
    if (typeof tag !== 'string') throw new OperonError('OPR-140', 'filter.tags must be strings');
    conditions.push(`array_has(tags, ${sqlString(tag)})`);
  }
  for (const [key, value] of Object.entries(filter.metadata ?? {})) {
    sqlScalar(value, `filter.metadata.${key}`); // type and finiteness check
    conditions.push(`array_has(meta_kv, ${sqlString(metaEntry(key, value))})`);
  }
  conditions.push(...sourceConditions(filter.source));
  return andAll(conditions);
}

/** `a AND b AND ...` with each part parenthesised, or undefined for none. */
export function andAll(conditions: (string | undefined)[]): string | undefined {
  const parts = conditions.filter((part): part is string => part !== undefined);
  return parts.length === 0 ? undefined : parts.map((part) => `(${part})`).join(' AND ');
}

/** `column IN ('a', 'b')` for a column chosen by the caller (never from a request). */
export function sqlIn(column: string, values: string[]): string {
  return `${column} IN (${values.map(sqlString).join(', ')})`;
}
