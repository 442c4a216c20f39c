import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src-shared/engine/events.ts';
import { EXAMPLES, filesDirOf, listFiles, makeDataDir, parseJsonOut, readRunLogs, removeTempDirs, runCli } from './testing/run-cli.ts';

// approval.operon.json waits in one process and is decided in another: `operon approve` / `operon reject`.

const approval = path.join(EXAMPLES, 'approval.operon.json');
const DRAFT = { action: 'refund', customer: 'ana', amount: 250 };

afterAll(removeTempDirs);

/** Starts the approval example and returns its data dir and run id, after checking it waits on `approve`. */
async function startWaiting(): Promise<{ dataDir: string; runId: string }> {
  const dataDir = await makeDataDir();
  const result = await runCli(dataDir, ['run', approval, '--json']);
  expect(result.code, result.stderr).toBe(3);
  const json = parseJsonOut(result);
  expect(json.status).toBe('waiting');
  expect(json.pending).toEqual([{ nodeId: 'approve', request: { title: 'Approve refund', message: 'Refund 250 to ana?', data: DRAFT } }]);
  return { dataDir, runId: json.runId };
}

const startedCount = (events: readonly EngineEvent[], nodeId: string): number =>
  events.filter((event) => event.type === 'node.started' && event.nodeId === nodeId).length;

describe('approval across processes', () => {
  it('waits (exit 3), then `approve` in a new process finishes the run and records the draft', async () => {
    const { dataDir, runId } = await startWaiting();
    const before = await readRunLogs(dataDir, runId);
    expect(before.run.status).toBe('waiting');
    expect(await listFiles(filesDirOf(dataDir))).toEqual([]);

    const show = await runCli(dataDir, ['runs', 'show', runId]);
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(new RegExp(`run ${runId} .*waiting`));
    expect(show.stdout).toContain(`operon approve ${runId} --node approve`);

    const approved = await runCli(dataDir, ['approve', runId, '--comment', 'ok', '--json'], { env: { OPERON_USER: 'ana' } });
    expect(approved.code, approved.stderr).toBe(0);
    const json = parseJsonOut(approved);
    expect(json).toMatchObject({ runId, status: 'succeeded', outputs: { recorded: { path: 'refunds.jsonl' } } });
    expect(await readFile(path.join(filesDirOf(dataDir), 'refunds.jsonl'), 'utf8')).toBe(`${JSON.stringify(DRAFT)}\n`);

    // The same run's log continues: the first process's events untouched, numbering carried on (readRunLogs checks 0..n-1).
    const after = await readRunLogs(dataDir, runId);
    expect(after.run.status).toBe('succeeded');
    expect(after.run.totals).toEqual(json.totals);
    expect(after.events.slice(0, before.events.length)).toEqual(before.events);
    expect(after.events[before.events.length]?.type).toBe('run.resumed');
    const decision = after.events.find((event) => event.type === 'node.decision');
    expect(decision).toMatchObject({ nodeId: 'approve', decision: { decision: 'approved', by: 'ana', comment: 'ok' } });
    expect(after.events.at(-1)).toMatchObject({ type: 'run.finished', status: 'succeeded' });
    // Finished nodes are not run again in the second process.
    expect(startedCount(after.events, 'start')).toBe(1);
    expect(startedCount(after.events, 'draft')).toBe(1);
    expect(after.events.filter((event) => event.type === 'node.skipped').map((event) => event.nodeId)).toEqual(['why-not', 'rejected']);

    const again = await runCli(dataDir, ['approve', runId, '--comment', 'twice', '--json']);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('OPR-151');
    expect(await readFile(path.join(filesDirOf(dataDir), 'refunds.jsonl'), 'utf8')).toBe(`${JSON.stringify(DRAFT)}\n`);
    expect((await readRunLogs(dataDir, runId)).events).toEqual(after.events);
  });

  it('`reject` takes the rejected branch with the comment and writes nothing', async () => {
    const { dataDir, runId } = await startWaiting();
    const rejected = await runCli(dataDir, ['reject', runId, '--comment', 'too much', '--json'], { env: { OPERON_USER: 'bo' } });
    expect(rejected.code, rejected.stderr).toBe(0);
    expect(parseJsonOut(rejected).outputs).toEqual({ rejected: { status: 'rejected', by: 'bo', comment: 'too much' } });
    expect(await listFiles(filesDirOf(dataDir))).toEqual([]);
    const { events } = await readRunLogs(dataDir, runId);
    expect(events.find((event) => event.type === 'node.decision')).toMatchObject({
      decision: { decision: 'rejected', by: 'bo', comment: 'too much' },
    });
    expect(events.filter((event) => event.type === 'node.skipped').map((event) => event.nodeId)).toEqual(['record', 'recorded']);
  });

  it('`approve --value` records the edited value in place of the draft', async () => {
    const { dataDir, runId } = await startWaiting();
    const approved = await runCli(dataDir, ['approve', runId, '--value', '{"amount":1}', '--json'], { env: { OPERON_USER: 'ana' } });
    expect(approved.code, approved.stderr).toBe(0);
    expect(await readFile(path.join(filesDirOf(dataDir), 'refunds.jsonl'), 'utf8')).toBe('{"amount":1}\n');
    const { events } = await readRunLogs(dataDir, runId);
    expect(events.find((event) => event.type === 'node.decision')).toMatchObject({
      decision: { decision: 'approved', value: { amount: 1 } },
    });
  });

  it('`approve --value` with invalid JSON exits 2 and leaves the run waiting', async () => {
    const { dataDir, runId } = await startWaiting();
    const before = await readRunLogs(dataDir, runId);
    const result = await runCli(dataDir, ['approve', runId, '--value', '{amount: 1}']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('OPR-030');
    const after = await readRunLogs(dataDir, runId);
    expect(after.run.status).toBe('waiting');
    expect(after.events).toEqual(before.events);
  });

  it('approving an unknown run exits non-zero with OPR-150', async () => {
    const result = await runCli(await makeDataDir(), ['approve', '20260101-000000-abcdef']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('OPR-150');
  });
});
