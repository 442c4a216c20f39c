import { describe, expect, it } from 'vitest';
import { newRow, parseDefault, rowNameProblem, rowsToSchema, schemaToRows, withType, type InputRow } from './inputs-schema-rows.ts';
import { moveItem } from './json-value.ts';
import { runInputFields } from './run-input-fields.ts';

const rowsOf = (schema: unknown): InputRow[] => {
  const model = schemaToRows(schema);
  if (!model.ok) throw new Error(model.reason);
  return model.rows;
};

describe('inputs schema ↔ builder rows', () => {
  const schema = {
    type: 'object',
    properties: {
      subject: { type: 'string', description: 'The ticket subject', minLength: 1 },
      priority: { type: 'integer', default: 3 },
      channel: { type: 'string', enum: ['email', 'chat'], default: 'email' },
      urgent: { type: 'boolean' },
    },
    required: ['subject'],
    additionalProperties: false,
  };

  it('reads each property as a row: type, description, default, required, choices', () => {
    expect(rowsOf(schema)).toEqual([
      { name: 'subject', type: 'string', description: 'The ticket subject', required: true, choices: [], extra: { minLength: 1 } },
      { name: 'priority', type: 'integer', description: '', required: false, choices: [], extra: {}, default: 3 },
      { name: 'channel', type: 'string', description: '', required: false, choices: ['email', 'chat'], extra: {}, default: 'email' },
      { name: 'urgent', type: 'boolean', description: '', required: false, choices: [], extra: {} },
    ]);
  });

  it('writes rows back to the same schema, keeping what the builder does not edit', () => {
    const model = schemaToRows(schema);
    if (!model.ok) throw new Error(model.reason);
    expect(rowsToSchema(model.rows, model.extra)).toEqual(schema);
  });

  it('builds a schema from new rows the engine accepts', () => {
    const subject = { ...newRow([]), name: 'subject', required: true };
    const priority = { ...withType(newRow([subject]), 'integer'), name: 'priority', default: 3 };
    expect(rowsToSchema([subject, priority])).toEqual({
      type: 'object',
      properties: { subject: { type: 'string' }, priority: { type: 'integer', default: 3 } },
      required: ['subject'],
    });
    expect(rowsToSchema([])).toBeUndefined();
    expect(rowsOf(undefined)).toEqual([]);
  });

  it('writes rows moved up or down in their new order, the required list and the Run form following', () => {
    const model = schemaToRows(schema);
    if (!model.ok) throw new Error(model.reason);
    // Urgent up to the top, then subject down one: as the builder's move buttons do.
    const moved = moveItem(moveItem(model.rows, 3, 0), 1, 2);
    const written = rowsToSchema(moved, model.extra);
    expect(Object.keys(written?.properties as object)).toEqual(['urgent', 'priority', 'subject', 'channel']);
    expect(written?.required).toEqual(['subject']);
    expect(runInputFields(written).fields.map((field) => field.name)).toEqual(['urgent', 'priority', 'subject', 'channel']);
    // Read back, the rows are in the moved order, each unchanged.
    expect(rowsOf(written)).toEqual(moved);
    // Past either end it stays where it is.
    expect(moveItem(moved, 0, -1).map((row) => row.name)).toEqual(['urgent', 'priority', 'subject', 'channel']);
    expect(moveItem(moved, 3, 4).map((row) => row.name)).toEqual(['urgent', 'priority', 'subject', 'channel']);
  });

  it('keeps a property it cannot edit verbatim, marked unsupported', () => {
    const withList = { type: 'object', properties: { tags: { type: 'array', items: { type: 'string' } }, n: { type: 'number' } } };
    const model = schemaToRows(withList);
    if (!model.ok) throw new Error(model.reason);
    expect(model.rows[0]).toMatchObject({ name: 'tags', unsupported: 'type "array"' });
    expect(model.rows[1]?.unsupported).toBeUndefined();
    expect(rowsToSchema(model.rows, model.extra)).toEqual(withList);
    expect(rowsOf({ properties: { x: { type: 'integer', default: 1.5 } } })[0]?.unsupported).toBe('a default that is not Whole number');
  });

  it('says why a schema it cannot read at all is unsupported, rather than reading it as empty', () => {
    expect(schemaToRows({ type: 'array' })).toEqual({ ok: false, reason: 'the inputs schema\'s type is "array", not "object"' });
    expect(schemaToRows({ type: 'object', required: false })).toMatchObject({ ok: false, reason: expect.stringMatching(/required/) });
    expect(schemaToRows({ oneOf: [{ type: 'object' }] })).toMatchObject({ ok: false, reason: expect.stringMatching(/oneOf/) });
    expect(schemaToRows([1])).toMatchObject({ ok: false });
  });

  it('checks names, parses defaults by type and drops what a new type does not fit', () => {
    const rows = [
      { ...newRow([]), name: 'a' },
      { ...newRow([]), name: 'a' },
      { ...newRow([]), name: 'two words' },
      { ...newRow([]), name: '__proto__' },
    ];
    expect(rowNameProblem(rows, 0)).toBeUndefined();
    expect(rowNameProblem(rows, 1)).toBe('another input is named "a"');
    expect(rowNameProblem(rows, 2)).toMatch(/letters, digits/);
    expect(rowNameProblem(rows, 3)).toMatch(/reserved/);
    expect(newRow([{ ...newRow([]), name: 'input2' }]).name).toBe('input3');
    expect(parseDefault('integer', '3')).toEqual({ ok: true, value: 3 });
    expect(parseDefault('integer', '3.5')).toEqual({ ok: false, message: 'enter a whole number' });
    expect(parseDefault('number', 'x')).toEqual({ ok: false, message: 'enter a number' });
    expect(parseDefault('boolean', 'true')).toEqual({ ok: true, value: true });
    expect(parseDefault('string', '')).toEqual({ ok: true, value: undefined });
    const text = { ...newRow([]), default: 'x', choices: ['x'] };
    expect(withType(text, 'number')).not.toHaveProperty('default');
    expect(withType(text, 'number').choices).toEqual([]);
    expect(withType({ ...text, type: 'integer', default: 2, choices: [] }, 'number').default).toBe(2);
  });
});
