import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** The forms a test looks for: the value, upper- and lower-cased, and its base64. */
function needles(secret: string): Buffer[] {
  const forms = [secret, secret.toUpperCase(), secret.toLowerCase(), Buffer.from(secret).toString('base64').replace(/=+$/, '')];
  return [...new Set(forms)].map((form) => Buffer.from(form));
}

/**
 * Every file under `dir` (recursively: run logs, values, cache, pins, LanceDB's tables) whose bytes hold `secret` or
 * its base64, as paths relative to `dir`. Read as bytes, so binary files are scanned too.
 */
export async function filesHolding(dir: string, secret: string): Promise<string[]> {
  const found: string[] = [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const bytes = await readFile(file);
    if (needles(secret).some((needle) => bytes.includes(needle))) found.push(path.relative(dir, file));
  }
  return found;
}

/** How many files are under `dir` (recursively): a scan of none proves nothing. */
export async function countFiles(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).length;
}

/** The messages that hold `secret` or its base64. */
export function messagesHolding(messages: readonly string[], secret: string): string[] {
  return messages.filter((message) => needles(secret).some((needle) => message.includes(needle.toString())));
}
