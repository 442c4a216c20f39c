import { describe, expect, it } from 'vitest';
import { Validator } from '@cfworker/json-schema';
import { newRow, rowProblems, rowsFromSchema, schemaFromRows, withType, type SchemaRow } from './schema-rows.ts';

const triage: SchemaRow[] = [
  { ...newRow('category', 'enum'), enumValues: ['billing', 'bug'], description: 'What the ticket is about' },
  { ...newRow('priority', 'integer'), required: false },
  newRow('summary'),
  { ...newRow('tags', 'array'), items: newRow('', 'string') },
  { ...newRow('customer', 'object'), fields: [newRow('name'), { ...newRow('vip', 'boolean'), required: false }] },
];

describe('schemaFromRows', () => {
  it('writes an object schema a validator accepts and applies', () => {
    const schema = schemaFromRows(triage);
    expect(schema).toMatchObject({
      type: 'object',
      required: ['category', 'summary', 'tags', 'customer'],
      additionalProperties: false,
      properties: {
        category: { type: 'string', enum: ['billing', 'bug'], description: 'What the ticket is about' },
        priority: { type: 'integer' },
        tags: { type: 'array', items: { type: 'string' } },
        customer: { type: 'object', properties: { name: { type: 'string' }, vip: { type: 'boolean' } }, required: ['name'] },
      },
    });
    const validator = new Validator(schema, '2020-12', false);
    expect(validator.validate({ category: 'bug', summary: 's', tags: [], customer: { name: 'A' } }).valid).toBe(true);
    expect(validator.validate({ category: 'other', summary: 's', tags: [], customer: { name: 'A' } }).valid).toBe(false);
    expect(validator.validate({ category: 'bug', tags: [], customer: { name: 'A' } }).valid).toBe(false);
  });

  it('reads back the rows it wrote', () => {
    const read = rowsFromSchema(schemaFromRows(triage));
    expect(read).toEqual({ ok: true, rows: triage });
  });
});

describe('rowsFromSchema', () => {
  it('has no rows for the empty schema', () => {
    expect(rowsFromSchema({})).toEqual({ ok: true, rows: [] });
  });

  it('refuses what the rows cannot show, saying where', () => {
    expect(rowsFromSchema({ type: 'array' })).toMatchObject({ ok: false });
    expect(rowsFromSchema({ type: 'object', properties: { a: { anyOf: [{ type: 'string' }, { type: 'null' }] } } })).toEqual({
      ok: false,
      reason: 'a uses "anyOf"',
    });
    expect(rowsFromSchema({ type: 'object', properties: { a: { type: 'string', minLength: 2 } } })).toMatchObject({ ok: false });
    expect(rowsFromSchema({ type: 'object', properties: { a: { type: 'array' } } })).toMatchObject({ ok: false });
    expect(rowsFromSchema({ type: 'object', properties: { a: { enum: [1, 2] } } })).toMatchObject({ ok: false });
  });
});

describe('withType and rowProblems', () => {
  it('keeps the name and description when the type changes, and gives a list an item', () => {
    const row = withType({ ...newRow('a', 'enum'), enumValues: ['x'], description: 'd' }, 'array');
    expect(row).toMatchObject({ name: 'a', description: 'd', type: 'array', enumValues: [], items: { type: 'string' } });
    expect(withType(row, 'string').items).toBeUndefined();
  });

  it('names empty and repeated names and value-less choices', () => {
    expect(rowProblems(triage)).toEqual([]);
    expect(rowProblems([newRow('a'), newRow('a'), newRow(''), newRow('c', 'enum')])).toEqual([
      '"a" is used twice',
      'a field has a field without a name',
      '"c" needs at least one value',
    ]);
    expect(rowProblems([{ ...newRow('o', 'object'), fields: [newRow('')] }])).toEqual(['o. has a field without a name']);
  });
});
