import { createHash } from 'node:crypto';
import { watch as fsWatch } from 'node:fs';
import { appendFile, mkdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { fileWatchTrigger } from '../../../../src-shared/nodes/types/triggers/file-watch-trigger.ts';
import { tempDir } from '../../../services/test-support.ts';
import type { FireRequest, TriggerSource } from '../trigger-source.ts';
import { createFileWatchSource } from './file-watch-source.ts';
import { listenedTrigger } from './testing/listened-trigger.ts';
import { createRecordingDispatcher, type RecordingDispatcher } from './testing/recording-dispatcher.ts';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

function setup(dataDir: string): { source: TriggerSource; dispatcher: RecordingDispatcher; logged: string[] } {
  const dispatcher = createRecordingDispatcher();
  const logged: string[] = [];
  const source = createFileWatchSource({ dataDir, dispatcher, log: (line) => logged.push(line) });
  onTestFinished(() => source.close());
  return { source, dispatcher, logged };
}

const watcher = (nodeId: string, config: Record<string, unknown>, workflowId = 'inbox-flow') =>
  listenedTrigger({ type: fileWatchTrigger, workflowId, nodeId, config: { debounceMs: 100, ...config } });

const filesOf = (dataDir: string): string => path.join(dataDir, 'workspaces', 'default', 'files');
const names = (requests: FireRequest[]): string[] =>
  requests.map((r) => `${r.nodeId} ${String(r.payload.name)} ${String(r.payload.event)}`);

describe('the file watch source', () => {
  it('passes a new file on once, with its path in the files folder, size and hash', async () => {
    const dataDir = await tempDir();
    const { source, dispatcher } = setup(dataDir);
    await source.listen('default', 'inbox-flow', [watcher('csv', { folder: 'inbox/new' })]);
    expect(source.status('default', 'inbox-flow', 'csv')).toEqual({ folder: 'inbox/new' });

    await writeFile(path.join(filesOf(dataDir), 'inbox', 'new', 'q1.csv'), 'a,b\n1,2\n');
    const [fired] = await dispatcher.fired(1);
    expect(fired).toEqual({
      workspace: 'default',
      workflowId: 'inbox-flow',
      nodeId: 'csv',
      kind: 'file',
      payload: { path: 'inbox/new/q1.csv', name: 'q1.csv', size: 8, hash: sha256('a,b\n1,2\n'), event: 'added' },
    });
    await writeFile(path.join(filesOf(dataDir), 'inbox', 'new', 'q2.csv'), 'x');
    expect(names(await dispatcher.fired(2))).toEqual(['csv q1.csv added', 'csv q2.csv added']);
  });

  it('waits until a file written in parts settles, then passes it on once', async () => {
    const dataDir = await tempDir();
    const { source, dispatcher } = setup(dataDir);
    await source.listen('default', 'inbox-flow', [watcher('csv', { debounceMs: 5000 })]);
    const inbox = path.join(filesOf(dataDir), 'inbox');
    // The system's own watcher sees each part land before the next is written, so the source sees the file grow
    // (chokidar's change events are throttled; fs.watch's are not).
    const observer = fsWatch(inbox);
    onTestFinished(() => observer.close());
    const file = path.join(inbox, 'big.csv');
    const parts = ['id,name\n', '1,Ada\n', '2,Grace\n', '3,Edsger\n'];
    for (const part of parts) {
      const landed = new Promise<void>((resolve) => observer.once('change', () => resolve()));
      await appendFile(file, part);
      await landed;
    }
    const [fired] = await dispatcher.fired(1);
    expect(fired?.payload).toMatchObject({ name: 'big.csv', size: parts.join('').length, hash: sha256(parts.join('')), event: 'added' });
    await writeFile(path.join(inbox, 'next.csv'), 'z');
    expect(names(await dispatcher.fired(2))).toEqual(['csv big.csv added', 'csv next.csv added']);
  });

  it('passes a changed file on again only to triggers on addedOrChanged', async () => {
    const dataDir = await tempDir();
    const { source, dispatcher } = setup(dataDir);
    await source.listen('default', 'inbox-flow', [watcher('new-only', { on: 'added' }), watcher('any', { on: 'addedOrChanged' })]);
    const inbox = path.join(filesOf(dataDir), 'inbox');
    await writeFile(path.join(inbox, 'x.csv'), 'first');
    await dispatcher.fired(2);
    await writeFile(path.join(inbox, 'x.csv'), 'second');
    const [, , changed] = await dispatcher.fired(3);
    expect(changed?.payload).toMatchObject({ path: 'inbox/x.csv', event: 'changed', hash: sha256('second'), size: 6 });
    await writeFile(path.join(inbox, 'y.csv'), 'y');
    await dispatcher.fired(5);
    const byNode = (nodeId: string): string[] => names(dispatcher.requests.filter((r) => r.nodeId === nodeId));
    expect(byNode('new-only')).toEqual(['new-only x.csv added', 'new-only y.csv added']);
    expect(byNode('any')).toEqual(['any x.csv added', 'any x.csv changed', 'any y.csv added']);
  });

  it('remembers what it passed on across a restart: files that came while stopped fire, seen ones do not', async () => {
    const dataDir = await tempDir();
    const inbox = path.join(filesOf(dataDir), 'inbox');
    const first = setup(dataDir);
    await first.source.listen('default', 'inbox-flow', [watcher('csv', {})]);
    await writeFile(path.join(inbox, 'before.csv'), 'seen before');
    await first.dispatcher.fired(1);
    await first.source.close();

    await writeFile(path.join(inbox, 'while-down.csv'), 'came while stopped');
    const second = setup(dataDir);
    await second.source.listen('default', 'inbox-flow', [watcher('csv', {})]);
    await second.dispatcher.fired(1);
    await writeFile(path.join(inbox, 'after.csv'), 'after');
    expect(names(await second.dispatcher.fired(2))).toEqual(['csv while-down.csv added', 'csv after.csv added']);
    expect(names(first.dispatcher.requests)).toEqual(['csv before.csv added']);
    const seen = JSON.parse(
      await readFile(path.join(dataDir, 'workspaces', 'default', 'service', 'seen', 'inbox-flow.csv.json'), 'utf8'),
    ) as {
      files: [string, string][];
    };
    await second.source.close();
    expect(seen.files.map(([file]) => file)).toContain('inbox/while-down.csv');
  });

  it('passes on only names that fit the pattern, never hidden files or partial downloads', async () => {
    const dataDir = await tempDir();
    const { source, dispatcher } = setup(dataDir);
    await source.listen('default', 'inbox-flow', [watcher('csv', { pattern: '*.csv' })]);
    const inbox = path.join(filesOf(dataDir), 'inbox');
    for (const name of ['notes.txt', '.hidden.csv', 'report.csv.part', 'report.csv.tmp', '~$lock.csv', 'sub.csv']) {
      if (name === 'sub.csv') await mkdir(path.join(inbox, 'sub.csv'));
      else await writeFile(path.join(inbox, name), name);
    }
    await writeFile(path.join(inbox, 'plain.csv'), 'plain');
    await writeFile(path.join(inbox, 'sub.csv', 'deeper.csv'), 'in a subfolder');
    await writeFile(path.join(inbox, 'DATA.CSV'), 'data');
    await dispatcher.fired(2);
    await writeFile(path.join(inbox, 'last.csv'), 'last');
    expect(names(await dispatcher.fired(3)).sort()).toEqual(['csv DATA.CSV added', 'csv last.csv added', 'csv plain.csv added']);
  });

  it('refuses a folder that leads outside the files folder, and watches the others', async () => {
    const dataDir = await tempDir();
    const outside = await tempDir();
    await writeFile(path.join(outside, 'secret.csv'), 'secret');
    await mkdir(filesOf(dataDir), { recursive: true });
    await symlink(outside, path.join(filesOf(dataDir), 'escape'));
    await mkdir(path.join(filesOf(dataDir), 'ok'));
    await symlink(path.join(outside, 'secret.csv'), path.join(filesOf(dataDir), 'ok', 'link.csv'));
    const { source, dispatcher, logged } = setup(dataDir);
    await source.listen('default', 'inbox-flow', [
      watcher('escape', { folder: 'escape' }),
      watcher('escape-below', { folder: 'escape/made-outside' }),
      watcher('absolute', { folder: '/etc' }),
      watcher('ok', { folder: 'ok' }),
    ]);
    expect(source.status('default', 'inbox-flow', 'escape')).toEqual({
      folder: 'escape',
      problem: expect.stringMatching(/^OPR-241 the folder "escape" leads outside the workspace's files folder/) as unknown,
    });
    expect(source.status('default', 'inbox-flow', 'absolute').problem).toMatch(/^OPR-241 .*not an absolute path/);
    expect(source.status('default', 'inbox-flow', 'escape-below').problem).toMatch(
      /^OPR-241 the folder "escape\/made-outside" leads outside/,
    );
    await expect(stat(path.join(outside, 'made-outside'))).rejects.toThrow(/ENOENT/);
    expect(logged.filter((line) => line.startsWith('OPR-241'))).toHaveLength(3);
    await writeFile(path.join(outside, 'also-secret.csv'), 'secret');
    await writeFile(path.join(filesOf(dataDir), 'ok', 'real.csv'), 'real');
    expect(names(await dispatcher.fired(1))).toEqual(['ok real.csv added']);
    await writeFile(path.join(filesOf(dataDir), 'ok', 'real2.csv'), 'real2');
    expect(names(await dispatcher.fired(2))).toEqual(['ok real.csv added', 'ok real2.csv added']);
  });

  it('listens to what the workflow names now, and forgets a file whose firing started no run', async () => {
    const dataDir = await tempDir();
    const { source, dispatcher, logged } = setup(dataDir);
    await source.listen('default', 'inbox-flow', [watcher('csv', { folder: 'old' })]);
    await source.listen('default', 'inbox-flow', [watcher('csv', { folder: 'new' })]);
    expect(source.status('default', 'inbox-flow', 'csv')).toEqual({ folder: 'new' });
    await writeFile(path.join(filesOf(dataDir), 'old', 'ignored.csv'), 'old');
    dispatcher.answer('refused');
    await writeFile(path.join(filesOf(dataDir), 'new', 'refused.csv'), 'refused');
    await dispatcher.fired(1);
    dispatcher.answer('started');
    // Writing the refused file again (same content) passes it again: it was not remembered.
    await writeFile(path.join(filesOf(dataDir), 'new', 'refused.csv'), 'refused');
    expect(names(await dispatcher.fired(2))).toEqual(['csv refused.csv added', 'csv refused.csv added']);
    expect(logged.some((line) => line.includes('inbox-flow/csv: new/refused.csv started no run (refused'))).toBe(true);

    await source.listen('default', 'inbox-flow', []);
    expect(source.status('default', 'inbox-flow', 'csv')).toEqual({});
  });
});
