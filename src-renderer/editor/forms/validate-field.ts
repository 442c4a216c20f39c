import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { FieldDescriptor } from './field-descriptor.ts';

export type FieldCheck = { ok: true; value: unknown } | { ok: false; message: string; line?: number; column?: number };

/**
 * Checks what a person typed into a field and turns it into the config value: text from number inputs
 * becomes a number, JSON text is parsed (errors carry line and column, 1-based). Empty optional fields give undefined.
 */
export function validateField(field: FieldDescriptor, input: unknown): FieldCheck {
  if (isEmpty(input)) {
    if (field.required && field.default === undefined) return { ok: false, message: `${field.label} is required` };
    return { ok: true, value: undefined };
  }
  switch (field.kind) {
    case 'number':
    case 'integer':
      return checkNumber(field, input);
    case 'toggle':
      return typeof input === 'boolean' ? { ok: true, value: input } : { ok: false, message: 'expected on or off' };
    case 'select': {
      const option = field.options?.find((o) => o.value === input || String(o.value) === input);
      if (option === undefined) return { ok: false, message: `choose one of: ${(field.options ?? []).map((o) => o.label).join(', ')}` };
      return { ok: true, value: option.value };
    }
    case 'json':
    case 'list':
    case 'object':
      return typeof input === 'string' ? parseJson(input) : { ok: true, value: input };
    default:
      return checkText(field, input);
  }
}

function isEmpty(input: unknown): boolean {
  return input === undefined || input === null || (typeof input === 'string' && input.trim() === '');
}

function checkNumber(field: FieldDescriptor, input: unknown): FieldCheck {
  const value = typeof input === 'number' ? input : Number(String(input).trim());
  if (!Number.isFinite(value)) return { ok: false, message: 'enter a number' };
  if (field.kind === 'integer' && !Number.isInteger(value)) return { ok: false, message: 'enter a whole number' };
  if (field.min !== undefined) {
    if (field.exclusiveMin === true ? value <= field.min : value < field.min) {
      return { ok: false, message: field.exclusiveMin === true ? `must be more than ${field.min}` : `must be at least ${field.min}` };
    }
  }
  if (field.max !== undefined) {
    if (field.exclusiveMax === true ? value >= field.max : value > field.max) {
      return { ok: false, message: field.exclusiveMax === true ? `must be less than ${field.max}` : `must be at most ${field.max}` };
    }
  }
  return { ok: true, value };
}

function checkText(field: FieldDescriptor, input: unknown): FieldCheck {
  if (typeof input !== 'string') return { ok: false, message: 'expected text' };
  if (field.minLength !== undefined && input.length < field.minLength)
    return { ok: false, message: `use at least ${field.minLength} characters` };
  if (field.maxLength !== undefined && input.length > field.maxLength)
    return { ok: false, message: `use at most ${field.maxLength} characters` };
  if (field.pattern !== undefined && !safeTest(field.pattern, input))
    return { ok: false, message: `does not match the pattern ${field.pattern}` };
  return { ok: true, value: input };
}

function safeTest(pattern: string, text: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(text);
  } catch {
    return true;
  }
}

/** Strict JSON (no comments, no trailing commas) with the first error's line and column. */
export function parseJson(text: string): FieldCheck {
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (first === undefined) return { ok: true, value };
  const { line, column } = lineColumn(text, first.offset);
  return {
    ok: false,
    message: `invalid JSON at line ${line}, column ${column}: ${describe(printParseErrorCode(first.error))}`,
    line,
    column,
  };
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

function describe(code: string): string {
  // 'CommaExpected' → 'comma expected'
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
