import { lstat, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileService } from './files.ts';
import { tempDir } from './test-support.ts';

async function setup() {
  const dir = await tempDir();
  const root = path.join(dir, 'files');
  const outside = path.join(dir, 'outside');
  await mkdir(root);
  await mkdir(outside);
  await writeFile(path.join(outside, 'secret.txt'), 'do not read');
  return { root, outside, files: createFileService(root) };
}

describe('createFileService', () => {
  it('writes and reads inside the folder, creating parents, in each mode', async () => {
    const { root, files } = await setup();
    expect(await files.writeText('out/report.txt', 'one\n', 'create')).toEqual({ path: 'out/report.txt', bytes: 4 });
    expect(await files.writeText('./out//report.txt', 'two\n', 'append')).toEqual({ path: 'out/report.txt', bytes: 4 });
    expect(await files.readText('out/report.txt')).toBe('one\ntwo\n');
    await expect(files.writeText('out/report.txt', 'three', 'create')).rejects.toMatchObject({
      code: 'OPR-110',
      message: 'Could not write out/report.txt: it already exists',
    });
    expect(await files.writeText('out/../out/report.txt', 'é', 'overwrite')).toEqual({ path: 'out/report.txt', bytes: 2 });
    expect(await readFile(path.join(root, 'out', 'report.txt'), 'utf8')).toBe('é');
    // Overwrite and create go through a temporary file (then a rename or a link): none is left behind.
    expect(await readdir(path.join(root, 'out'))).toEqual(['report.txt']);
  });

  it('overwrites a file through a symlink that stays inside, replacing its content at once', async () => {
    const { root, files } = await setup();
    await files.writeText('real.txt', 'old', 'create');
    await symlink(path.join(root, 'real.txt'), path.join(root, 'alias.txt'));
    await files.writeText('alias.txt', 'new', 'overwrite');
    expect(await readFile(path.join(root, 'real.txt'), 'utf8')).toBe('new');
    expect((await lstat(path.join(root, 'alias.txt'))).isSymbolicLink()).toBe(true);
  });

  it('names the relative path when a file is missing', async () => {
    const { files } = await setup();
    await expect(files.readText('nope/data.csv')).rejects.toMatchObject({
      code: 'OPR-110',
      message: 'Could not read nope/data.csv: no such file',
    });
  });

  it('rejects ../ escapes and absolute paths with OPR-109', async () => {
    const { outside, files } = await setup();
    await expect(files.readText('../outside/secret.txt')).rejects.toMatchObject({
      code: 'OPR-109',
      details: { path: '../outside/secret.txt' },
    });
    await expect(files.writeText('a/../../x.txt', 'x', 'overwrite')).rejects.toMatchObject({ code: 'OPR-109' });
    await expect(files.readText('..\\outside\\secret.txt')).rejects.toMatchObject({ code: 'OPR-109' });
    await expect(files.readText(path.join(outside, 'secret.txt'))).rejects.toMatchObject({
      code: 'OPR-109',
      message: expect.stringContaining('absolute') as unknown,
    });
    await expect(files.readText('C:\\Windows\\win.ini')).rejects.toMatchObject({ code: 'OPR-109' });
  });

  it('rejects symlinks that lead outside, for reads and writes, but follows those that stay inside', async () => {
    const { root, outside, files } = await setup();
    await symlink(outside, path.join(root, 'linked-dir'));
    await symlink(path.join(outside, 'secret.txt'), path.join(root, 'linked-file.txt'));
    await symlink(path.join(outside, 'not-yet.txt'), path.join(root, 'dangling.txt'));
    await expect(files.readText('linked-dir/secret.txt')).rejects.toMatchObject({
      code: 'OPR-109',
      details: { path: 'linked-dir/secret.txt' },
    });
    await expect(files.readText('linked-file.txt')).rejects.toMatchObject({ code: 'OPR-109' });
    await expect(files.writeText('linked-dir/new/file.txt', 'x', 'overwrite')).rejects.toMatchObject({ code: 'OPR-109' });
    await expect(files.writeText('linked-file.txt', 'x', 'overwrite')).rejects.toMatchObject({ code: 'OPR-109' });
    await expect(files.writeText('dangling.txt', 'x', 'overwrite')).rejects.toMatchObject({ code: 'OPR-109' });
    expect(await readFile(path.join(outside, 'secret.txt'), 'utf8')).toBe('do not read');

    await files.writeText('real/data.txt', 'inside', 'create');
    await symlink(path.join(root, 'real'), path.join(root, 'alias'));
    expect(await files.readText('alias/data.txt')).toBe('inside');
  });

  it('creates its folder on first write', async () => {
    const dir = await tempDir();
    const files = createFileService(path.join(dir, 'not', 'yet'));
    await files.writeText('a.txt', 'hi', 'create');
    expect(await files.readText('a.txt')).toBe('hi');
  });
});
