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
