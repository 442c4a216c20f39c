import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IPC_CHANNELS } from '../../src-shared/api/bridge.ts';
import { createFileInbox } from './file-inbox.ts';
import type { WindowContentsLike } from './ipc-router.ts';
import { readWorkflowFile } from './workflow-files.ts';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A window's contents that records what it was sent. */
function window(id: number) {
  const sent: unknown[] = [];
  let destroyed = false;
  const contents: WindowContentsLike = {
    id,
    send: (channel, message) => sent.push({ channel, message }),
    isDestroyed: () => destroyed,
    once: () => contents,
  };
  return { contents, sent, destroy: () => (destroyed = true) };
}

async function files() {
  const dir = await mkdtemp(join(tmpdir(), 'operon-inbox-'));
  dirs.push(dir);
  const a = join(dir, 'a.operon.json');
  const b = join(dir, 'b.operon.json');
  await writeFile(a, '{"id":"a"}');
  await writeFile(b, '{"id":"b"}');
  return { dir, a, b };
}

function inbox() {
  const opened: string[] = [];
  const errors: string[] = [];
  let focused: number | undefined;
  const box = createFileInbox({
    read: readWorkflowFile,
    choose: (ready) => ready.find((each) => each.id === focused) ?? ready[0],
    onOpened: (path) => opened.push(path),
    onError: (path, message) => errors.push(`${path}: ${message}`),
  });
  return { box, opened, errors, focus: (id: number) => (focused = id) };
}

describe('createFileInbox', () => {
  it('keeps files that arrive before any window is ready, in order, and hands them to the first that is', async () => {
    const { a, b } = await files();
    const { box, opened } = inbox();
    await box.deliver(a, 'open');
    await box.deliver(b, 'import');
    const first = window(1);
    expect(box.take(first.contents)).toEqual([
      { path: a, text: '{"id":"a"}', as: 'open' },
      { path: b, text: '{"id":"b"}', as: 'import' },
    ]);
    // Taken once: a second window gets none of them.
    expect(box.take(window(2).contents)).toEqual([]);
    expect(opened).toEqual([a, b]);
    expect(first.sent).toEqual([]);
  });

  it('sends later files to the focused ready window as desktop.openFile events', async () => {
    const { a } = await files();
    const { box, focus } = inbox();
    const one = window(1);
    const two = window(2);
    box.take(one.contents);
    box.take(two.contents);
    focus(2);
    await box.deliver(a, 'open');
    expect(two.sent).toEqual([
      { channel: IPC_CHANNELS.event, message: { event: 'desktop.openFile', payload: { path: a, text: '{"id":"a"}', as: 'open' } } },
    ]);
    expect(one.sent).toEqual([]);
  });

  it('waits again for a window that reloads or closes', async () => {
    const { a } = await files();
    const { box } = inbox();
    const one = window(1);
    box.take(one.contents);
    box.unready(one.contents);
    await box.deliver(a, 'open');
    expect(one.sent).toEqual([]);
    const two = window(2);
    expect(box.take(two.contents)).toEqual([expect.objectContaining({ path: a })]);
    two.destroy();
    await box.deliver(a, 'open');
    expect(two.sent).toEqual([]);
    expect(box.take(one.contents)).toEqual([expect.objectContaining({ path: a })]);
  });

  it('reports a file it cannot read, naming it, and never sends it to a window', async () => {
    const { dir } = await files();
    const { box, opened, errors } = inbox();
    const one = window(1);
    box.take(one.contents);
    const gone = join(dir, 'gone.operon.json');
    await box.deliver(gone, 'open');
    expect(errors).toEqual([`${gone}: ${gone} does not exist (it may have been moved or deleted)`]);
    expect(opened).toEqual([]);
    expect(one.sent).toEqual([]);
  });
});
