import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// bin/operon.js chooses what runs: the build in out/cli/ when there is one, the TypeScript sources otherwise or with
// OPERON_SOURCES=1, and OPR-200 when the package has neither. Here, in a folder of its own with stand-ins for both.

const BIN = path.resolve(import.meta.dirname, '../../bin/operon.js');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'operon-bin-'));
  await mkdir(path.join(dir, 'bin'));
  await copyFile(BIN, path.join(dir, 'bin/operon.js'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function operon(env: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string } {
  const { OPERON_SOURCES: _ignored, ...parent } = process.env;
  const result = spawnSync(process.execPath, [path.join(dir, 'bin/operon.js')], { env: { ...parent, ...env }, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function place(file: string, says: string): Promise<void> {
  await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
  await writeFile(path.join(dir, file), `process.stdout.write(${JSON.stringify(says)});\n`);
}

describe('bin/operon.js', () => {
  it('with neither a build nor the sources, fails with OPR-200 naming the missing build', () => {
    const result = operon();
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^OPR-200 operon has no built CLI at .*\/out\/cli\/main\.js: pack it again/);
  });

  it('runs the sources without a build, the build beside them, and the sources again with OPERON_SOURCES=1', async () => {
    await place('src-main/cli/main.ts', 'sources');
    expect(operon()).toMatchObject({ code: 0, stdout: 'sources' });
    await place('out/cli/main.js', 'build');
    expect(operon()).toMatchObject({ code: 0, stdout: 'build' });
    expect(operon({ OPERON_SOURCES: '1' })).toMatchObject({ code: 0, stdout: 'sources' });
  });

  it('an installed package (a build, no sources) runs its build even with OPERON_SOURCES=1', async () => {
    await rm(path.join(dir, 'src-main'), { recursive: true, force: true });
    expect(operon({ OPERON_SOURCES: '1' })).toMatchObject({ code: 0, stdout: 'build' });
  });
});
