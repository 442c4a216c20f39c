import { stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeDataDir, removeTempDirs, runCli } from './testing/run-cli.ts';

// The offline embedder's one-time conversion (about 15 s on a quiet machine) says what it is doing, and
// `operon memory prepare` does it ahead so the first memory command does not wait.

afterAll(removeTempDirs);
/** Holds for a conversion several times slower than on a quiet machine. */
const CONVERTS = { timeoutMs: 240_000 };

describe('operon memory prepare', () => {
  it('converts the word vectors once, with progress on stderr; later commands neither convert nor say so', async () => {
    const dataDir = await makeDataDir();
    const cachePath = path.join(dataDir, 'models', 'glove-100d-sif-100000-v1.bin');

    const prepared = await runCli(dataDir, ['memory', 'prepare'], CONVERTS);
    expect(prepared.code, prepared.stderr).toBe(0);
    expect(prepared.stdout).toBe(`the offline embedder is ready: ${cachePath}\n`);
    const lines = prepared.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^Preparing the offline embedder, once for this data folder/);
    const percents = lines.slice(1, -1).map((line) => Number(/^ {2}converting: (\d+)% \([\d,]+ of 100,000 words\)$/.exec(line)?.[1]));
    expect(percents.length).toBeGreaterThanOrEqual(3);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(lines.at(-1)).toMatch(/^ {2}converted 100,000 words in \d+\.\d s$/);
    expect((await stat(cachePath)).size).toBeGreaterThan(10_000_000);

    const again = await runCli(dataDir, ['memory', 'prepare'], CONVERTS);
    expect(again).toMatchObject({ code: 0, stdout: `the offline embedder was ready already: ${cachePath}\n`, stderr: '' });
    const added = await runCli(dataDir, ['memory', 'add', 'The boiler is serviced every October.'], CONVERTS);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stderr).toBe('');
  });

  it('the first memory command on a fresh data folder says it is converting, instead of going quiet', async () => {
    const dataDir = await makeDataDir();
    const added = await runCli(dataDir, ['memory', 'add', 'Invoices are due on the 5th.'], CONVERTS);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stderr).toMatch(
      /^Preparing the offline embedder, once for this data folder[^\n]*\n( {2}converting: .*\n)+ {2}converted 100,000 words/,
    );
    expect(added.stdout).toMatch(/^[0-9a-f-]{36} {2}notes\n$/);
  });
});
