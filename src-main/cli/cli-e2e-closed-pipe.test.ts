import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  EXAMPLES,
  makeDataDir,
  makeTempDir,
  parseJsonOut,
  readRunLogs,
  removeTempDirs,
  runCli,
  runIds,
  startCli,
  type CliResult,
} from './testing/run-cli.ts';

// `operon … | head`: a reader that goes away ends operon quietly with exit 0, as `git log | head` ends git.

afterAll(removeTempDirs);
const diamond = path.join(EXAMPLES, 'diamond.operon.json');
const SLOW = { timeoutMs: 60_000 };

/** Whatever operon printed when its reader went away: no error code, no EPIPE, no stack frame. */
function expectQuietEnd(result: CliResult): void {
  expect(result.stderr).not.toMatch(/EPIPE|OPR-\d+|Error|^\s+at /m);
  expect(result.signal).toBeNull();
  expect(result.code).toBe(0);
}

describe('a closed stdout', () => {
  it('`runs show RUN | head`: the reader takes the first chunk of a long trace and goes; operon ends quietly', async () => {
    const dataDir = await makeDataDir();
    // 30,000 inputs: `runs show` prints them on one line of about 170 kB, far more than a pipe holds (64 kB), so it
    // is still writing when the reader goes away.
    const inputs = path.join(await makeTempDir(), 'inputs.json');
    await writeFile(inputs, JSON.stringify({ numbers: Array.from({ length: 30_000 }, (_, i) => i) }));
    const ran = await runCli(dataDir, ['run', diamond, '--input-file', inputs, '--json'], SLOW);
    expect(ran.code, ran.stderr).toBe(0);
    const { runId } = parseJsonOut(ran);

    const show = startCli(dataDir, ['runs', 'show', runId], SLOW);
    let firstChunk = '';
    show.child.stdout?.once('data', (chunk: string) => {
      firstChunk = chunk;
      show.child.stdout?.destroy();
    });
    const result = await show.exited;
    expect(firstChunk).toMatch(new RegExp(`^run ${runId}`));
    expectQuietEnd(result);
  });

  it.each([
    ['--help', ['--help']],
    ['--version', ['--version']],
    ['validate', ['validate', diamond]],
    ['runs list', ['runs', 'list']],
    ['run --json', ['run', diamond, '--json']],
  ])('`operon %s` whose reader is gone before it writes ends quietly', async (_name, args) => {
    const dataDir = await makeDataDir();
    const cli = startCli(dataDir, args, SLOW);
    cli.child.stdout?.destroy();
    expectQuietEnd(await cli.exited);
  });

  it('a run whose reader is gone still runs to the end and leaves its whole log before operon ends', async () => {
    const dataDir = await makeDataDir();
    const cli = startCli(dataDir, ['run', diamond], SLOW);
    cli.child.stdout?.destroy();
    expectQuietEnd(await cli.exited);
    const [runId] = await runIds(dataDir);
    const { run } = await readRunLogs(dataDir, runId ?? '');
    expect(run.status).toBe('succeeded');
  });
});
