import { describeTooDeep, scanJson } from '../../../src-shared/limits/json-limits.ts';

/** What a webhook's body becomes in its payload, or why it is refused (415 or 400). */
export type ParsedBody = { ok: true; body: unknown } | { ok: false; status: 400 | 415; message: string };

/** The content types a webhook takes, as a caller is told when it sends another. */
export const ACCEPTED_TYPES = 'application/json, application/x-www-form-urlencoded, text/*, application/octet-stream';

/** The media type of a Content-Type header, lowercased and without its parameters (`application/json`); '' when none. */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';', 1)[0]!.trim().toLowerCase();
}

/** Whether a webhook takes bodies of this media type ('' is taken for an empty body only). */
export function isAcceptedType(type: string): boolean {
  return (
    type === 'application/json' ||
    /^application\/[a-z0-9.+-]+\+json$/.test(type) ||
    type === 'application/x-www-form-urlencoded' ||
    type.startsWith('text/') ||
    type === 'application/octet-stream'
  );
}

/**
 * The body as the payload carries it: JSON parsed (nesting at most 128 levels), a form as an object of fields (a field
 * given twice as a list), text as a string, octet-stream as base64 text with a note saying so; an empty body is null.
 */
export function parseBody(raw: Buffer, type: string): ParsedBody {
  if (raw.length === 0) return { ok: true, body: null };
  if (!isAcceptedType(type))
    return {
      ok: false,
      status: 415,
      message:
        type === '' ? `the body has no Content-Type: send one of ${ACCEPTED_TYPES}` : `a webhook takes ${ACCEPTED_TYPES}, not ${type}`,
    };
  if (type === 'application/octet-stream')
    return { ok: true, body: { base64: raw.toString('base64'), bytes: raw.length, note: 'the raw body, base64-encoded' } };
  const text = raw.toString('utf8');
  if (type === 'application/x-www-form-urlencoded') return { ok: true, body: fieldsOf(new URLSearchParams(text)) };
  if (type.startsWith('text/')) return { ok: true, body: text };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, status: 400, message: `the body is not valid JSON: ${(error as Error).message}` };
  }
  const { tooDeep } = scanJson(json, { root: 'body' });
  if (tooDeep !== undefined) return { ok: false, status: 400, message: `the body is ${describeTooDeep(tooDeep)}` };
  return { ok: true, body: json };
}

/**
 * Form fields or query parameters as an object: one value as a string, a name given more than once as the list of its
 * values. Built without a prototype, so a field named `__proto__` is a field like any other.
 */
export function fieldsOf(params: URLSearchParams): Record<string, string | string[]> {
  const fields = Object.create(null) as Record<string, string | string[]>;
  for (const [name, value] of params) {
    const seen = fields[name];
    if (seen === undefined) fields[name] = value;
    else if (Array.isArray(seen)) seen.push(value);
    else fields[name] = [seen, value];
  }
  return fields;
}
