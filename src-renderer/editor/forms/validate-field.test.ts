import { describe, expect, it } from 'vitest';
import type { FieldDescriptor } from './field-descriptor.ts';
import { validateField } from './validate-field.ts';

const f = (over: Partial<FieldDescriptor>): FieldDescriptor => ({ path: ['x'], label: 'X', kind: 'text', required: false, ...over });

describe('validateField', () => {
  it('parses numbers and checks integers and ranges', () => {
    expect(validateField(f({ kind: 'number', min: 0, max: 2 }), '1.5')).toEqual({ ok: true, value: 1.5 });
    expect(validateField(f({ kind: 'number', min: 0, max: 2 }), '3')).toMatchObject({ ok: false, message: 'must be at most 2' });
    expect(validateField(f({ kind: 'number', min: 0, max: 2 }), -1)).toMatchObject({ ok: false, message: 'must be at least 0' });
    expect(validateField(f({ kind: 'number' }), 'abc')).toMatchObject({ ok: false, message: 'enter a number' });
    expect(validateField(f({ kind: 'integer' }), '2.5')).toMatchObject({ ok: false, message: 'enter a whole number' });
    expect(validateField(f({ kind: 'integer', min: 0, exclusiveMin: true }), '0')).toMatchObject({
      ok: false,
      message: 'must be more than 0',
    });
    expect(validateField(f({ kind: 'integer', min: 0, exclusiveMin: true }), '1')).toEqual({ ok: true, value: 1 });
  });

  it('requires required fields without a default, and clears empty optional ones', () => {
    expect(validateField(f({ required: true }), '  ')).toMatchObject({ ok: false, message: 'X is required' });
    expect(validateField(f({ required: true, default: 'a' }), '')).toEqual({ ok: true, value: undefined });
    expect(validateField(f({ kind: 'number' }), '')).toEqual({ ok: true, value: undefined });
  });

  it('checks selects, toggles and text bounds', () => {
    const select = f({
      kind: 'select',
      options: [
        { value: 1, label: 'one' },
        { value: 'a', label: 'A' },
      ],
    });
    expect(validateField(select, '1')).toEqual({ ok: true, value: 1 });
    expect(validateField(select, 'b')).toMatchObject({ ok: false, message: 'choose one of: one, A' });
    expect(validateField(f({ kind: 'toggle' }), 'yes')).toMatchObject({ ok: false });
    expect(validateField(f({ minLength: 2 }), 'a')).toMatchObject({ ok: false });
    expect(validateField(f({ pattern: '^[a-z]+$' }), 'A1')).toMatchObject({ ok: false });
    expect(validateField(f({ kind: 'template' }), '{{ $ }}')).toEqual({ ok: true, value: '{{ $ }}' });
  });

  it('parses JSON and reports line and column', () => {
    expect(validateField(f({ kind: 'json' }), '{"a": [1, 2]}')).toEqual({ ok: true, value: { a: [1, 2] } });
    const bad = validateField(f({ kind: 'json' }), '{\n  "a": 1\n  "b": 2\n}');
    expect(bad).toMatchObject({ ok: false, line: 3, column: 3 });
    expect(bad.ok ? '' : bad.message).toMatch(/line 3, column 3: comma expected/);
    expect(validateField(f({ kind: 'json' }), '{"a": 1,}')).toMatchObject({ ok: false, line: 1 });
    expect(validateField(f({ kind: 'json' }), '// c\n{}')).toMatchObject({ ok: false, line: 1, column: 1 });
  });
});
