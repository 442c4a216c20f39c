import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { desktopStatePath } from './desktop-state-file.ts';
import { MAX_RECENT_FILES, openRecentFiles } from './recent-files.ts';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});
async function stateFile(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'operon-recent-'));
  dirs.push(dir);
  return desktopStatePath(dir, 'recent-files.json');
}

describe('openRecentFiles', () => {
  it('keeps the newest first, once each, at most ten, across launches', async () => {
    const file = await stateFile();
    const recent = await openRecentFiles(file, () => undefined);
    expect(recent.list()).toEqual([]);
    for (let i = 0; i < MAX_RECENT_FILES + 2; i++) await recent.add(`/w/${i}.operon.json`);
    await recent.add('/w/5.operon.json');
    const expected = ['/w/5.operon.json', '/w/11.operon.json', '/w/10.operon.json', '/w/9.operon.json', '/w/8.operon.json'];
    expect(recent.list().slice(0, 5)).toEqual(expected);
    expect(recent.list()).toHaveLength(MAX_RECENT_FILES);
    const reopened = await openRecentFiles(file, () => undefined);
    expect(reopened.list()).toEqual(recent.list());
    await reopened.remove('/w/11.operon.json');
    expect((await openRecentFiles(file, () => undefined)).list()).not.toContain('/w/11.operon.json');
    await reopened.clear();
    expect((await openRecentFiles(file, () => undefined)).list()).toEqual([]);
  });

  it('sets a damaged file aside, says so, and starts afresh', async () => {
    const file = await stateFile();
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, '{"files": [42]}');
    const logged: string[] = [];
    const recent = await openRecentFiles(file, (message) => logged.push(message));
    expect(recent.list()).toEqual([]);
    expect(logged).toEqual([
      expect.stringMatching(/recent-files\.json is not valid \(files\.0: .*\); moved it to .*recent-files\.json\.corrupt/),
    ]);
    expect(await readFile(`${file}.corrupt`, 'utf8')).toBe('{"files": [42]}');
    await recent.add('/w/a.operon.json');
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ files: ['/w/a.operon.json'] });
  });
});
