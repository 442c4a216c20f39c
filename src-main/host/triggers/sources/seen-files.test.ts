import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../services/test-support.ts';
import { sha256File } from './file-hash.ts';
import { openSeenFiles } from './seen-files.ts';

const where = { workspace: 'default', workflowId: 'inbox-flow', nodeId: 'csv' };

describe('the files a File watch trigger has seen', () => {
  it('are kept across opens, oldest forgotten past the limit', async () => {
    const dataDir = await tempDir();
    const logged: string[] = [];
    const first = await openSeenFiles({ dataDir, ...where, log: (line) => logged.push(line), limit: 3 });
    first.add('inbox/a.csv', 'h1');
    first.add('inbox/b.csv', 'h2');
    first.add('inbox/a.csv', 'h3');
    first.add('inbox/c.csv', 'h4');
    await first.flush();

    const again = await openSeenFiles({ dataDir, ...where, log: (line) => logged.push(line), limit: 3 });
    expect(again.has('inbox/a.csv', 'h1')).toBe(false);
    expect([again.has('inbox/b.csv', 'h2'), again.has('inbox/a.csv', 'h3'), again.has('inbox/c.csv', 'h4')]).toEqual([true, true, true]);
    expect(again.hasPath('inbox/a.csv')).toBe(true);
    again.remove('inbox/a.csv', 'h3');
    expect(again.hasPath('inbox/a.csv')).toBe(false);
    await again.flush();
    const stored = JSON.parse(
      await readFile(path.join(dataDir, 'workspaces', 'default', 'service', 'seen', 'inbox-flow.csv.json'), 'utf8'),
    ) as unknown;
    expect(stored).toEqual({
      version: 1,
      files: [
        ['inbox/b.csv', 'h2'],
        ['inbox/c.csv', 'h4'],
      ],
    });
    expect(logged).toEqual([]);
  });

  it('start afresh from a file that is not theirs, saying so once (OPR-244)', async () => {
    const dataDir = await tempDir();
    const folder = path.join(dataDir, 'workspaces', 'default', 'service', 'seen');
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, 'inbox-flow.csv.json'), '{"version":1,"files":[["half');
    const logged: string[] = [];
    const seen = await openSeenFiles({ dataDir, ...where, log: (line) => logged.push(line) });
    expect(seen.hasPath('inbox/a.csv')).toBe(false);
    expect(logged).toEqual([expect.stringMatching(/^OPR-244 .*inbox-flow\.csv\.json is not valid JSON, starting afresh/)]);
  });

  it('hash a large file as a stream, to the same SHA-256', async () => {
    const file = path.join(await tempDir(), 'large.bin');
    const content = Buffer.alloc(9 * 1024 * 1024 + 7, 'operon');
    await writeFile(file, content);
    expect(await sha256File(file)).toBe(createHash('sha256').update(content).digest('hex'));
  });
});
