/**
 * Redacts secrets from a JSON text and keeps it valid JSON. The fast path runs `redact` over the whole text; when that
 * breaks the syntax (a secret of digits inside a number, say), it redacts string by string instead (keys included).
 * Numbers, booleans and structure are never rewritten there, so a secret that only occurs as a JSON number is kept.
 */
export function redactJsonText(json: string, redact: (text: string) => string): string {
  const redacted = redact(json);
  if (redacted === json) return json;
  try {
    JSON.parse(redacted);
    return redacted;
  } catch {
    return JSON.stringify(redactStrings(JSON.parse(json), redact));
  }
}

function redactStrings(value: unknown, redact: (text: string) => string): unknown {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map((item) => redactStrings(item, redact));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[redact(key)] = redactStrings(item, redact);
    return out;
  }
  return value;
}

/** A value with its secrets redacted, and the JSON text it was redacted as. */
export interface Redacted<T> {
  /** The same object when nothing was secret, else a copy parsed back from the redacted text. */
  value: T;
  /** `JSON.stringify` of `value`. */
  json: string;
}

/**
 * Redacts a JSON-serialisable value (an engine event, a debug pause) once, as a whole: its JSON text goes through
 * {@link redactJsonText}, and only when that changed something is the text parsed back into a copy. The run recorder
 * redacts every event this way before it writes the event's line and hands the event to live readers, so what is
 * streamed is what is logged; the API uses it for the few values that do not come from a log.
 */
export function redactValue<T>(value: T, redact: (text: string) => string): Redacted<T> {
  const json = JSON.stringify(value);
  const redacted = redactJsonText(json, redact);
  return redacted === json ? { value, json } : { value: JSON.parse(redacted) as T, json: redacted };
}
