import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { EXAMPLES, makeDataDir, makeTempDir, removeTempDirs, runCli } from './testing/run-cli.ts';

// Each command loads what it uses: `--help` no engine, a run without a model no OpenAI SDK, nothing but memory LanceDB.

afterAll(removeTempDirs);
const SLOW = { timeoutMs: 60_000 };
const RECORDER = pathToFileURL(path.join(import.meta.dirname, 'testing/record-loaded-modules.ts')).href;

/** Runs operon and returns the URLs of the modules it loaded (see testing/record-loaded-modules.ts). */
async function loadedBy(args: string[]): Promise<string[]> {
  const dataDir = await makeDataDir();
  const file = path.join(await makeTempDir(), 'loaded.txt');
  const result = await runCli(dataDir, args, { ...SLOW, env: { NODE_OPTIONS: `--import=${RECORDER}`, RECORD_LOADED_MODULES: file } });
  expect(result.code, result.stderr).toBe(0);
  return (await readFile(file, 'utf8')).split('\n');
}

const packages = (urls: string[]): string[] =>
  [...new Set(urls.flatMap((url) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1] ?? []))].sort();
const sources = (urls: string[], folder: string): string[] => urls.filter((url) => url.includes(`/${folder}/`));

describe('what each command loads', () => {
  it('`operon --help` loads commander and the command declarations: no command, engine, zod or service', async () => {
    const loaded = await loadedBy(['--help']);
    expect(packages(loaded)).toEqual(['commander', 'picocolors']);
    expect(sources(loaded, 'cli/commands')).toEqual([]);
    expect(sources(loaded, 'src-shared/engine')).toEqual([]);
    expect(sources(loaded, 'cli/program').length).toBeGreaterThan(0);
  });

  it('`operon run diamond --json` loads the engine and its own command, but no OpenAI SDK, LanceDB, terminal view or other command', async () => {
    const loaded = await loadedBy(['run', path.join(EXAMPLES, 'diamond.operon.json'), '--json']);
    expect(sources(loaded, 'src-shared/engine').length).toBeGreaterThan(0);
    expect(sources(loaded, 'cli/commands').map((url) => path.basename(url))).toEqual(['run.ts']);
    expect(packages(loaded)).toEqual(expect.arrayContaining(['zod', 'jsonata']));
    for (const heavy of ['openai', '@lancedb/lancedb', 'apache-arrow', 'ws', 'log-update']) expect(packages(loaded)).not.toContain(heavy);
    expect(loaded.filter((url) => /openai-transport|memory-host|lance/.test(url))).toEqual([]);
  });
});
