/**
 * Large values in run logs. The recorder stores a value whose JSON is over {@link VALUE_REF_MIN_BYTES} once, in
 * `values/<sha256>.json` of the run's folder, and writes `{ "$ref": "values/<sha256>.json", "bytes": N }` in its
 * place. Readers that do not resolve refs (traces, the editor) show the size and fetch the value on demand
 * (`runs.value`).
 */

/** Values whose JSON is longer than this many bytes are stored once and referenced. */
export const VALUE_REF_MIN_BYTES = 4096;

/** A reference to a stored value: its file (relative to the run folder) and the byte length of its JSON. */
export interface ValueRef {
  $ref: string;
  bytes: number;
}

/** The only `$ref` shape there is: a SHA-256 named file in the run's values folder. */
export const VALUE_REF_PATH = /^values\/[0-9a-f]{64}\.json$/;

/** The `$ref` of a value whose stored JSON hashes (SHA-256, hex) to `sha256`. */
export function valueRefPath(sha256: string): string {
  return `values/${sha256}.json`;
}

/** Whether `value` is exactly a value ref (both keys, nothing else, a well-formed path). */
export function isValueRef(value: unknown): value is ValueRef {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  return keys.length === 2 && typeof record.$ref === 'string' && VALUE_REF_PATH.test(record.$ref) && typeof record.bytes === 'number';
}

/** A stored value's size for people: `812 B`, `4.1 KB`, `12.0 MB` (1 KB = 1,024 bytes). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
