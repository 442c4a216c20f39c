import { describe, expect, it } from 'vitest';
import { emptyValueOf, valueShapeOf } from './value-shape.ts';

describe('valueShapeOf', () => {
  it('reads a list of text, numbers, yes/no or objects as a list with its item shape', () => {
    expect(valueShapeOf({ type: 'array', items: { type: 'string' } })).toEqual({ kind: 'array', item: { kind: 'string' } });
    expect(valueShapeOf({ type: 'array', items: { type: 'integer' } })).toEqual({ kind: 'array', item: { kind: 'number', integer: true } });
    expect(valueShapeOf({ type: 'array', items: { type: 'boolean' } })).toEqual({ kind: 'array', item: { kind: 'boolean' } });
    expect(valueShapeOf({ type: 'array', items: { enum: ['a', 'b'] } })).toEqual({
      kind: 'array',
      item: { kind: 'string', choices: ['a', 'b'] },
    });
    // Items of any shape: the list is fixed, its items are not.
    expect(valueShapeOf({ type: 'array' })).toEqual({ kind: 'array' });
  });

  it('reads an object with properties as its declared sub-fields, in order, labelled by title or key, required ones marked', () => {
    const shape = valueShapeOf({
      type: 'object',
      properties: { orderId: { type: 'string' }, qty: { type: 'integer', title: 'Quantity' }, notes: {} },
      required: ['orderId'],
    });
    expect(shape).toEqual({
      kind: 'object',
      properties: [
        { key: 'orderId', label: 'orderId', shape: { kind: 'string' }, required: true },
        { key: 'qty', label: 'Quantity', shape: { kind: 'number', integer: true }, required: false },
        { key: 'notes', label: 'notes', shape: undefined, required: false },
      ],
    });
    expect(valueShapeOf({ type: 'object' })).toEqual({ kind: 'object' });
  });

  it('fixes no shape for a schema without a type', () => {
    expect(valueShapeOf({})).toBeUndefined();
    expect(valueShapeOf({ anyOf: [{ type: 'string' }] })).toBeUndefined();
    expect(valueShapeOf(undefined)).toBeUndefined();
    expect(valueShapeOf({ type: ['string', 'null'] })).toBeUndefined();
  });
});

describe('emptyValueOf', () => {
  it('starts an item of each shape empty, an object with its required properties', () => {
    expect(emptyValueOf({ kind: 'string' })).toBe('');
    expect(emptyValueOf({ kind: 'string', choices: ['low', 'high'] })).toBe('low');
    expect(emptyValueOf({ kind: 'number' })).toBe(0);
    expect(emptyValueOf({ kind: 'boolean' })).toBe(false);
    expect(emptyValueOf({ kind: 'array', item: { kind: 'string' } })).toEqual([]);
    const order = valueShapeOf({
      type: 'object',
      properties: { id: { type: 'string' }, lines: { type: 'array' }, gift: { type: 'boolean' } },
      required: ['id', 'lines'],
    });
    expect(emptyValueOf(order)).toEqual({ id: '', lines: [] });
    expect(emptyValueOf(undefined)).toBe('');
  });
});
