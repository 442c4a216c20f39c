import { describe, expect, it } from 'vitest';
import { metaEntry, semanticWhere, sqlColumn, sqlScalar, sqlString } from './where-sql.ts';

describe('where-sql', () => {
  it('quotes strings by doubling single quotes only', () => {
    expect(sqlString("x' OR '1'='1")).toBe("'x'' OR ''1''=''1'");
    expect(sqlString('a\\b')).toBe("'a\\b'");
  });

  it('accepts only finite numbers, strings and booleans', () => {
    expect(sqlScalar(1.5, 'v')).toBe('1.5');
    expect(sqlScalar(false, 'v')).toBe('false');
    expect(() => sqlScalar(Number.NaN, 'v')).toThrow(/OPR-140|finite/);
    expect(() => sqlScalar(Infinity, 'v')).toThrow(/finite/);
    expect(() => sqlScalar({}, 'v')).toThrow(/string, number or boolean/);
  });

  it('takes column names only from the allow-list', () => {
    expect(sqlColumn('price', new Set(['price']))).toBe('`price`');
    expect(() => sqlColumn('price` OR 1=1 --', new Set(['price']))).toThrow(/unknown field/);
  });

  it('builds one condition per filter part', () => {
    expect(semanticWhere({ collection: 'c', tags: ['a'], metadata: { n: 1 }, source: { runId: 'r' } })).toBe(
      `(collection = 'c') AND (array_has(tags, 'a')) AND (array_has(meta_kv, '${metaEntry('n', 1)}')) AND (source_run = 'r')`,
    );
    expect(semanticWhere({})).toBeUndefined();
  });
});
