import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readRun } from '../services/run-log/run-reader.ts';
import { mountTmpfs, type TestMount } from '../services/testing/tmpfs.ts';
import { listFiles, makeDataDir, makeTempDir, removeTempDirs, runCli, runIds, runsDirOf, writeWorkflow } from './testing/run-cli.ts';

// Disk faults: a data folder that cannot hold data is refused at start; a disk that fills up mid-run fails the run
// cleanly (whole lines, no ref to a missing file) and the run resumes once there is space again.

const mounts: TestMount[] = [];
afterAll(async () => {
  for (const mount of mounts) await mount.unmount();
  await removeTempDirs();
});

const NO_STACK = /^\s+at /m;

async function tinyWorkflow(): Promise<string> {
  return writeWorkflow(await makeTempDir(), 'tiny', {
    nodes: [
      { id: 'start', type: 'core.manual-trigger' },
      { id: 'result', type: 'core.output', config: { name: 'x' } },
    ],
    edges: [['start.out', 'result.in']],
  });
}

describe('a data folder that is not a normal writable folder', () => {
  it('is refused by run, memory list and serve with one line naming it, exit 2', async () => {
    const workflow = await tinyWorkflow();
    const file = path.join(await makeTempDir(), 'data');
    await writeFile(file, 'a file');
    const cases = [
      { args: ['--data-dir', '/proc/x', 'run', workflow], reason: /\/proc\/x cannot be used: it is under \/proc/ },
      { args: ['--data-dir', '/proc/x', 'memory', 'list'], reason: /\/proc\/x cannot be used: it is under \/proc/ },
      { args: ['--data-dir', file, 'run', workflow], reason: /cannot be used: it is a file, not a folder/ },
      { args: ['--data-dir', file, 'serve', '--port', '0'], reason: /cannot be used: it is a file, not a folder/ },
    ];
    for (const { args, reason } of cases) {
      const result = await runCli(await makeDataDir(), args);
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(2);
      expect(result.stderr).toMatch(/OPR-173 The data folder /);
      expect(result.stderr).toMatch(reason);
      expect(result.stderr).not.toMatch(NO_STACK);
    }
  });

  it('is refused when read-only', async (context) => {
    const mount = await mountTmpfs('size=1m,ro', 'read-only data folder');
    if (mount === undefined) return context.skip();
    mounts.push(mount);
    const result = await runCli(mount.dir, ['run', await tinyWorkflow()]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/OPR-173 The data folder \S+ cannot be used: a file cannot be written in it \(EROFS/);
    expect(result.stderr).not.toMatch(NO_STACK);
  });
});

describe('a disk that fills up during a run', () => {
  it('fails the run cleanly, leaves no ref to a missing file, and resumes once there is space', async (context) => {
    const mount = await mountTmpfs('size=512k', 'full disk');
    if (mount === undefined) return context.skip();
    mounts.push(mount);
    const workflow = await writeWorkflow(await makeTempDir(), 'big-output', {
      nodes: [
        { id: 'start', type: 'core.manual-trigger' },
        { id: 'big', type: 'core.transform', config: { expression: '$pad("x", 2000000, "y")' } },
        { id: 'result', type: 'core.output', config: { name: 'big' } },
      ],
      edges: [
        ['start.out', 'big.in'],
        ['big.out', 'result.in'],
      ],
    });
    const failed = await runCli(mount.dir, ['run', workflow]);
    expect(failed.code, failed.stderr).toBe(1);
    expect(failed.stderr).toMatch(/OPR-110 .*ENOSPC/);
    expect(failed.stderr).not.toMatch(NO_STACK);

    const [runId] = await runIds(mount.dir);
    const runDir = path.join(runsDirOf(mount.dir), runId ?? '');
    const run = await readRun(runsDirOf(mount.dir), runId ?? '');
    expect(run.status === 'failed' || run.interrupted, `status ${run.status}`).toBe(true);
    for (const file of await listFiles(runDir)) {
      if (file.endsWith('.tmp')) continue;
      const text = await readFile(file, 'utf8');
      if (file.endsWith('.jsonl')) expect(text.endsWith('\n'), `${file} ends with a whole line`).toBe(true);
      for (const [, ref] of text.matchAll(/"\$ref":\s*"([^"]+)"/g)) {
        expect(
          await readFile(path.join(runDir, ref ?? ''), 'utf8').then(
            () => true,
            () => false,
          ),
          `${file} points at ${ref}`,
        ).toBe(true);
      }
    }

    await mount.remount('size=64m');
    const resumed = await runCli(mount.dir, ['runs', 'resume', runId ?? '']);
    expect(resumed.code, resumed.stderr).toBe(0);
    const done = await readRun(runsDirOf(mount.dir), runId ?? '', { resolveRefs: true });
    expect(done.status).toBe('succeeded');
    expect((done.outputs?.big as string).length).toBe(2_000_000);
  });
});
