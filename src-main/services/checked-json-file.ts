import { readFile } from 'node:fs/promises';
import type { z } from 'zod';

export interface CheckedJsonOptions<T> {
  /** What a missing file reads as. */
  missing: () => T;
  /** The error for a file that is there but cannot be used, given why in words; it is thrown, never a default. */
  damaged: (reason: string) => Error;
  /** Whether a file that cannot be read (permissions, a folder in its place) counts as damaged; otherwise its error is thrown as it is. */
  unreadableIsDamaged?: boolean;
}

/**
 * Reads a JSON state file checked against `schema`: the parsed value, `missing()` when there is no file, and
 * `damaged(reason)`'s error when it is not JSON or not of the schema (the reason names the fields), so a damaged file
 * is refused and left for a person rather than silently replaced.
 */
export async function readCheckedJson<S extends z.ZodType>(
  file: string,
  schema: S,
  options: CheckedJsonOptions<z.output<S>>,
): Promise<z.output<S>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return options.missing();
    if (options.unreadableIsDamaged === true) throw options.damaged((error as Error).message);
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw options.damaged(`it is not valid JSON (${(error as Error).message})`);
  }
  const checked = schema.safeParse(json);
  if (!checked.success) throw options.damaged(checked.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
  return checked.data;
}
