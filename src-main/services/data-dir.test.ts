import { stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureWorkspace, resolveDataDir, workspacePaths } from './data-dir.ts';
import { tempDir } from './test-support.ts';

describe('resolveDataDir', () => {
  const home = path.resolve('/home/ana');
  it('prefers the flag, then OPERON_HOME, then ~/.operon', () => {
    expect(resolveDataDir({ flag: '/data/op', env: { OPERON_HOME: '/env/op' }, home })).toBe(path.resolve('/data/op'));
    expect(resolveDataDir({ env: { OPERON_HOME: '/env/op' }, home })).toBe(path.resolve('/env/op'));
    expect(resolveDataDir({ flag: '', env: { OPERON_HOME: '  ' }, home })).toBe(path.join(home, '.operon'));
    expect(resolveDataDir({ env: { OPERON_HOME: '~/op' }, home })).toBe(path.join(home, 'op'));
  });
});

describe('workspacePaths', () => {
  it('puts every folder under <dataDir>/workspaces/<id>/', () => {
    const paths = workspacePaths('/data', 'team_1-a');
    const root = path.join(path.resolve('/data'), 'workspaces', 'team_1-a');
    expect(paths).toEqual({
      root,
      workflows: path.join(root, 'workflows'),
      runs: path.join(root, 'runs'),
      files: path.join(root, 'files'),
      cache: path.join(root, 'cache'),
      pins: path.join(root, 'pins'),
    });
  });

  it.each(['', '..', '../other', 'a/b', 'a\\b', 'x'.repeat(65), 'émile', '.hidden'])('rejects the id %j with OPR-155', (id) => {
    expect(() => workspacePaths('/data', id)).toThrow(expect.objectContaining({ code: 'OPR-155' }));
  });

  it('creates the folders, the root private to the owner', async () => {
    const paths = workspacePaths(await tempDir(), 'main');
    await ensureWorkspace(paths);
    await ensureWorkspace(paths);
    for (const dir of [paths.workflows, paths.runs, paths.files, paths.cache, paths.pins])
      expect((await stat(dir)).isDirectory()).toBe(true);
    if (process.platform !== 'win32') expect((await stat(paths.root)).mode & 0o777).toBe(0o700);
  });
});
