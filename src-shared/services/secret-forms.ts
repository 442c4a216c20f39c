/** Secrets shorter than this are not looked for: every "abc" in a log would be a false alarm. */
export const MIN_SECRET_LENGTH = 4;
/** A base64 fragment shorter than this (a short secret's, cut to its whole characters) is not looked for. */
const MIN_BASE64_FRAGMENT = 8;

/**
 * The forms a secret's value commonly takes when it is carried inside something larger, all lower-cased (callers look
 * for them in lower-cased text, so `$uppercase` and `$lowercase` of the value are found too):
 * the value itself (also inside `Bearer <v>` or any longer string), JSON-escaped, URL-encoded (as a component, a whole
 * URL, and a query value: `%20` and `+` for a space), and base64 (standard and URL-safe) at each of the three byte alignments, so the value is found inside the
 * base64 of a longer text too (`Basic base64(user:token)`). Empty for a value shorter than {@link MIN_SECRET_LENGTH}.
 */
export function secretForms(value: string): string[] {
  if (value.length < MIN_SECRET_LENGTH) return [];
  const forms = new Set<string>([value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value), encodeURI(value)]);
  forms.add(encodeURIComponent(value).replace(/%20/g, '+'));
  forms.add(new URLSearchParams({ v: value }).toString().slice(2)); // a query value as URL.searchParams writes it
  const bytes = new TextEncoder().encode(value);
  for (const shift of [0, 1, 2]) {
    const fragment = alignedBase64(bytes, shift);
    if (fragment.length < MIN_BASE64_FRAGMENT) continue;
    forms.add(fragment);
    forms.add(fragment.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return [...new Set([...forms].map((form) => form.toLowerCase()))];
}

/**
 * The base64 characters that encode only `bytes` when they follow `shift` other bytes (mod 3): the characters that
 * also carry bits of the bytes before or after are cut, so the fragment is found whatever surrounds the value.
 */
function alignedBase64(bytes: Uint8Array, shift: number): string {
  const padded = new Uint8Array(shift + bytes.length);
  padded.set(bytes, shift);
  let binary = '';
  for (const byte of padded) binary += String.fromCharCode(byte);
  const encoded = btoa(binary).replace(/=+$/, '');
  const drop = [0, 2, 3][shift] ?? 0;
  const whole = Math.floor((padded.length * 8) / 6);
  return encoded.slice(drop, whole);
}
