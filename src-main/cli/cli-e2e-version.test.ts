import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeDataDir, removeTempDirs, runCli } from './testing/run-cli.ts';

afterAll(removeTempDirs);

describe('operon --version', () => {
  it("prints package.json's version and nothing else, with --version and -V", async () => {
    const { version } = JSON.parse(await readFile(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string };
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
    const dataDir = await makeDataDir();
    for (const flag of ['--version', '-V']) {
      const result = await runCli(dataDir, [flag]);
      expect(result).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: '' });
    }
  });
});
