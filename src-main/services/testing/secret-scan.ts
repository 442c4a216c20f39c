import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gone, listFiles } from '../test-support.ts';

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
  for (const file of await listFiles(dir)) {
    const bytes = await readFile(file).catch(gone);
    if (bytes !== undefined && needles(secret).some((needle) => bytes.includes(needle))) found.push(path.relative(dir, file));
  }
  return found;
}

/** How many files are under `dir` (recursively): a scan of none proves nothing. */
export async function countFiles(dir: string): Promise<number> {
  return (await listFiles(dir)).length;
}

/** The messages that hold `secret` or its base64. */
export function messagesHolding(messages: readonly string[], secret: string): string[] {
  return messages.filter((message) => needles(secret).some((needle) => message.includes(needle.toString())));
}
