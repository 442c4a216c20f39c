import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRunRecorder } from './run-recorder.ts';
import { listRuns, readEvents, readNodeLog, readRun } from './run-reader.ts';
import { deadPid, eventsFor, someTotals, tempDir } from '../test-support.ts';

const identity = (text: string): string => text;
const started = { type: 'run.started', workflowId: 'demo', workflowHash: 'abc', trigger: { type: 'manual' }, inputs: {} } as const;

/** Records a small finished run with one large output and returns the runs folder. */
async function recordRun(runsDir: string, runId: string, startedAt = 0): Promise<void> {
  const recorder = createRunRecorder({ runsDir, redact: identity });
  const e = eventsFor(runId);
  recorder.onEvent({ ...e(started), ts: startedAt });
  recorder.onEvent(e({ type: 'node.started', nodeId: 'a', attempt: 1, inputs: { q: 'x' } }));
  recorder.onEvent(
    e({ type: 'node.finished', nodeId: 'a', status: 'succeeded', outputs: { out: 'w'.repeat(9000) }, durationMs: 1, attempts: 1 }),
  );
  recorder.onEvent(e({ type: 'node.started', nodeId: 'b', attempt: 1, inputs: { in: 'w'.repeat(9000) } }));
  recorder.onEvent(e({ type: 'run.finished', status: 'succeeded', outputs: { result: 'w'.repeat(9000) }, totals: someTotals }));
  await recorder.close();
}

describe('readEvents', () => {
  it('reads and validates every event, keeping refs unless asked to resolve them', async () => {
    const runsDir = await tempDir();
    await recordRun(runsDir, 'r1');
    const raw = await readEvents(runsDir, 'r1');
    expect(raw.events.map((event) => event.type)).toEqual(['run.started', 'node.started', 'node.finished', 'node.started', 'run.finished']);
    const finishedRaw = raw.events[2];
    expect(finishedRaw?.type === 'node.finished' && finishedRaw.outputs.out).toMatchObject({
      $ref: expect.stringMatching(/^values\/[0-9a-f]{64}\.json$/) as unknown,
    });

    const resolved = await readEvents(runsDir, 'r1', { resolveRefs: true });
    const finished = resolved.events[2];
    const startedB = resolved.events[3];
    expect(finished?.type === 'node.finished' && finished.outputs.out).toBe('w'.repeat(9000));
    expect(startedB?.type === 'node.started' && startedB.inputs.in).toBe('w'.repeat(9000));
    expect(resolved.warnings).toEqual([]);
    const run = await readRun(runsDir, 'r1', { resolveRefs: true });
    expect(run.outputs).toEqual({ result: 'w'.repeat(9000) });
  });

  it('reads a page from a seq without parsing the lines before it', async () => {
    const runsDir = await tempDir();
    await recordRun(runsDir, 'rp');
    const page = await readEvents(runsDir, 'rp', { page: { fromSeq: 1, limit: 2 } });
    // limit + 1 events: the one after the page tells the caller that more follow.
    expect(page.events.map((event) => event.seq)).toEqual([1, 2, 3]);
    expect((await readEvents(runsDir, 'rp', { page: { fromSeq: 3, limit: 10 } })).events.map((event) => event.seq)).toEqual([3, 4]);

    // A line before the page is recognised by its envelope alone: damage there does not stop reading the page.
    const file = path.join(runsDir, 'rp', 'events.jsonl');
    const lines = (await readFile(file, 'utf8')).split('\n');
    lines[0] = `{"type":"run.started",BROKEN${lines[0]?.slice(lines[0].indexOf(',"seq":0,'))}`;
    await writeFile(file, lines.join('\n'));
    await expect(readEvents(runsDir, 'rp')).rejects.toMatchObject({ code: 'OPR-154' });
    expect((await readEvents(runsDir, 'rp', { page: { fromSeq: 1, limit: 500 } })).events).toHaveLength(4);
  });

  it('ignores an incomplete last line with a warning', async () => {
    const runsDir = await tempDir();
    await recordRun(runsDir, 'r2');
    await writeFile(path.join(runsDir, 'r2', 'events.jsonl'), '{"seq":5,"ts":1,"runId":"r2","type":"node.q', { flag: 'a' });
    const { events, warnings } = await readEvents(runsDir, 'r2');
    expect(events).toHaveLength(5);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/incomplete last line 6/);
  });

  it('throws OPR-154 naming the file and line for a damaged line in the middle', async () => {
    const runsDir = await tempDir();
    await recordRun(runsDir, 'r3');
    const file = path.join(runsDir, 'r3', 'events.jsonl');
    const lines = (await readFile(file, 'utf8')).split('\n');
    lines[2] = lines[2]?.slice(0, 20) ?? '';
    await writeFile(file, lines.join('\n'));
    await expect(readEvents(runsDir, 'r3')).rejects.toMatchObject({
      code: 'OPR-154',
      message: expect.stringContaining(`${file} line 3 is not valid JSON`) as unknown,
      details: { file, line: 3 },
    });
  });

  it('throws OPR-154 for a line that is JSON but not an engine event', async () => {
    const runsDir = await tempDir();
    await recordRun(runsDir, 'r4');
    const file = path.join(runsDir, 'r4', 'events.jsonl');
    const lines = (await readFile(file, 'utf8')).split('\n');
    lines[1] = JSON.stringify({ seq: 1, ts: 1, runId: 'r4', type: 'node.started', nodeId: 'a', attempt: 0, inputs: {} });
    await writeFile(file, lines.join('\n'));
    await expect(readEvents(runsDir, 'r4')).rejects.toMatchObject({ code: 'OPR-154', details: { line: 2 } });
  });

  it('rejects run ids that could leave the runs folder, and missing runs, with OPR-150', async () => {
    const runsDir = await tempDir();
    await expect(readEvents(runsDir, '../outside')).rejects.toMatchObject({ code: 'OPR-150' });
    await expect(readRun(runsDir, '..')).rejects.toMatchObject({ code: 'OPR-150' });
    await expect(readRun(runsDir, 'nope')).rejects.toMatchObject({ code: 'OPR-150', message: 'Run not found: nope' });
  });
});

describe('readNodeLog', () => {
  it("returns one node's events, resolved on request", async () => {
    const runsDir = await tempDir();
    await recordRun(runsDir, 'r5');
    const a = await readNodeLog(runsDir, 'r5', 'a', { resolveRefs: true });
    expect(a.events.map((event) => event.type)).toEqual(['node.started', 'node.finished']);
    expect(a.events.every((event) => 'nodeId' in event && event.nodeId === 'a')).toBe(true);
    const last = a.events[1];
    expect(last?.type === 'node.finished' && last.outputs.out).toBe('w'.repeat(9000));
    expect((await readNodeLog(runsDir, 'r5', 'never-ran')).events).toEqual([]);
  });
});

describe('listRuns and readRun', () => {
  it('lists runs newest first and reports a damaged run.json without failing the list', async () => {
    const runsDir = await tempDir();
    await recordRun(runsDir, 'older', 1000);
    await recordRun(runsDir, 'newer', 2000);
    await mkdir(path.join(runsDir, 'broken'));
    await writeFile(path.join(runsDir, 'broken', 'run.json'), '{"formatVersion":1,');
    await mkdir(path.join(runsDir, 'empty'));
    const list = await listRuns(runsDir);
    const runs = list.filter((entry) => entry.kind === 'run');
    expect(runs.map((entry) => entry.runId)).toEqual(['newer', 'older']);
    expect(runs[0]).toMatchObject({ status: 'succeeded', workflowId: 'demo', interrupted: false });
    expect(runs[0]).not.toHaveProperty('workflow');
    const damaged = list.filter((entry) => entry.kind === 'damaged');
    expect(damaged.map((entry) => entry.runId).sort()).toEqual(['broken', 'empty']);
    expect(damaged.find((entry) => entry.runId === 'broken')?.problem).toMatch(/not valid JSON/);
    expect(damaged.find((entry) => entry.runId === 'empty')?.problem).toBe('run.json is missing');
    expect(await listRuns(path.join(runsDir, 'missing'))).toEqual([]);
  });

  it('reports a running run whose process is gone (or on another machine) as interrupted', async () => {
    const runsDir = await tempDir();
    await recordRun(runsDir, 'r6');
    const file = path.join(runsDir, 'r6', 'run.json');
    const doc = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    await writeFile(file, JSON.stringify({ ...doc, status: 'running', pid: process.pid }));
    expect((await readRun(runsDir, 'r6')).interrupted).toBe(false);
    await writeFile(file, JSON.stringify({ ...doc, status: 'running', pid: await deadPid() }));
    expect(await readRun(runsDir, 'r6')).toMatchObject({ interrupted: true, lastSeq: 4 });
    await writeFile(file, JSON.stringify({ ...doc, status: 'running', pid: process.pid, host: 'some-other-host' }));
    expect((await readRun(runsDir, 'r6')).interrupted).toBe(true);
    await writeFile(file, JSON.stringify({ ...doc, status: 'waiting', pid: await deadPid() }));
    expect((await readRun(runsDir, 'r6')).interrupted).toBe(false);
  });
});

describe('listRuns and triggers', () => {
  it("names what started each run, without the trigger's payload (run.json keeps it)", async () => {
    const runsDir = await tempDir();
    const recorder = createRunRecorder({ runsDir, redact: identity });
    const e = eventsFor('hooked');
    const trigger = { type: 'webhook', nodeId: 'hook', payload: { body: 'x'.repeat(5000) } };
    recorder.onEvent({ ...e({ ...started, trigger }), ts: 0 });
    recorder.onEvent(e({ type: 'run.finished', status: 'succeeded', outputs: {}, totals: someTotals }));
    await recorder.close();
    const [entry] = await listRuns(runsDir);
    expect(entry?.kind === 'run' && entry.trigger).toEqual({ type: 'webhook', nodeId: 'hook' });
    expect((await readRun(runsDir, 'hooked')).trigger).toEqual(trigger);
  });
});
