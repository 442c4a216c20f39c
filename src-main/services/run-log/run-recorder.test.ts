import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { WorkflowSchema } from '../../../src-shared/workflow/schema.ts';
import type { EngineEvent } from '../../../src-shared/engine/events.ts';
import { readEvents } from './run-reader.ts';
import { createRunRecorder } from './run-recorder.ts';
import { createSecretService } from '../secrets.ts';
import { waitUntil } from '../testing/waiting.ts';
import { eventsFor, listFiles, readLines, someTotals, tempDir } from '../test-support.ts';

const identity = (text: string): string => text;
const workflow = WorkflowSchema.parse({ schemaVersion: 1, id: 'demo', name: 'Demo flow', nodes: [], edges: [] });
const started = { type: 'run.started', workflowId: 'demo', workflowHash: 'abc', trigger: { type: 'manual' }, inputs: { q: 'hi' } } as const;

async function readRunJson(runsDir: string, runId: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(path.join(runsDir, runId, 'run.json'), 'utf8')) as Record<string, unknown>;
}

describe('createRunRecorder', () => {
  it('writes every event to events.jsonl and each node event to its node file, in order', async () => {
    const runsDir = await tempDir();
    const recorder = createRunRecorder({ runsDir, redact: identity });
    const e = eventsFor('r1');
    recorder.beginRun({ runId: 'r1', workflow });
    recorder.onEvent(e(started));
    recorder.onEvent(e({ type: 'node.queued', nodeId: 'a' }));
    recorder.onEvent(e({ type: 'node.queued', nodeId: 'b' }));
    recorder.onEvent(e({ type: 'node.started', nodeId: 'a', attempt: 1, inputs: { x: 1 } }));
    recorder.onEvent(e({ type: 'node.started', nodeId: 'b', attempt: 1, inputs: {} }));
    await recorder.flush(); // a node's story spans batches
    recorder.onEvent(e({ type: 'node.log', nodeId: 'a', level: 'info', message: 'hello' }));
    recorder.onEvent(e({ type: 'node.finished', nodeId: 'b', status: 'succeeded', outputs: { y: 2 }, durationMs: 3, attempts: 1 }));
    recorder.onEvent(e({ type: 'node.finished', nodeId: 'a', status: 'succeeded', outputs: { y: 1 }, durationMs: 4, attempts: 1 }));
    recorder.onEvent(e({ type: 'run.finished', status: 'succeeded', outputs: {}, totals: someTotals }));
    await recorder.close();

    const all = await readLines(path.join(runsDir, 'r1', 'events.jsonl'));
    expect(all.map((event) => event.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    const a = await readLines(path.join(runsDir, 'r1', 'nodes', 'a.jsonl'));
    expect(a.map((event) => [event.seq, event.type])).toEqual([
      [1, 'node.queued'],
      [3, 'node.started'],
      [5, 'node.log'],
      [7, 'node.finished'],
    ]);
    const b = await readLines(path.join(runsDir, 'r1', 'nodes', 'b.jsonl'));
    expect(b.map((event) => event.seq)).toEqual([2, 4, 6]);
    expect(await readdir(path.join(runsDir, 'r1', 'nodes'))).toEqual(['a.jsonl', 'b.jsonl']);
  });

  it('stores a large value once and references it from every line that carries it', async () => {
    const runsDir = await tempDir();
    const recorder = createRunRecorder({ runsDir, redact: identity });
    const e = eventsFor('r2');
    const big = { text: 'x'.repeat(10_000), n: 1 };
    recorder.onEvent(e(started));
    recorder.onEvent(
      e({ type: 'node.finished', nodeId: 'a', status: 'succeeded', outputs: { out: big, small: 'ok' }, durationMs: 1, attempts: 1 }),
    );
    await recorder.flush();
    // Mark the stored file: if the value were written again, the mark would be gone.
    const [valueFile] = await readdir(path.join(runsDir, 'r2', 'values'));
    const valuePath = path.join(runsDir, 'r2', 'values', valueFile ?? '');
    const firstWrite = await readFile(valuePath, 'utf8');
    await writeFile(valuePath, `${firstWrite}\n`);
    recorder.onEvent(e({ type: 'node.started', nodeId: 'b', attempt: 1, inputs: { in: big } }));
    await recorder.close();

    expect(await readdir(path.join(runsDir, 'r2', 'values'))).toEqual([valueFile]);
    expect(await readFile(valuePath, 'utf8')).toBe(`${firstWrite}\n`);
    const stored = firstWrite;
    expect(JSON.parse(stored)).toEqual(big);
    const sha = createHash('sha256').update(stored).digest('hex');
    const ref = { $ref: `values/${sha}.json`, bytes: Buffer.byteLength(stored) };

    const [, finished, startedB] = await readLines(path.join(runsDir, 'r2', 'events.jsonl'));
    expect(finished?.outputs).toEqual({ out: ref, small: 'ok' });
    expect(startedB?.inputs).toEqual({ in: ref });
    const [nodeA] = await readLines(path.join(runsDir, 'r2', 'nodes', 'a.jsonl'));
    const [nodeB] = await readLines(path.join(runsDir, 'r2', 'nodes', 'b.jsonl'));
    expect(nodeA?.outputs).toEqual({ out: ref, small: 'ok' });
    expect(nodeB?.inputs).toEqual({ in: ref });
  });

  it('never writes a secret value to any file of the run', async () => {
    const runsDir = await tempDir();
    const secret = 'sk-Sup3r"Secret\\Value';
    const secrets = createSecretService({ OPERON_SECRET_API_KEY: secret });
    const value = secrets.get('api_key') ?? '';
    const recorder = createRunRecorder({ runsDir, redact: secrets.redact });
    const e = eventsFor('r3');
    recorder.beginRun({ runId: 'r3', workflow });
    recorder.onEvent(e({ ...started, inputs: { token: value } }));
    recorder.onEvent(e({ type: 'node.started', nodeId: 'call', attempt: 1, inputs: { header: `Bearer ${value}` } }));
    recorder.onEvent(e({ type: 'node.log', nodeId: 'call', level: 'debug', message: `sending ${value}`, data: { key: value } }));
    recorder.onEvent(e({ type: 'node.partial', nodeId: 'call', port: 'out', chunk: `${'y'.repeat(5000)} ${value}` }));
    recorder.onEvent(e({ type: 'node.waiting', nodeId: 'ok', request: { title: 't', message: value, data: { value } } }));
    recorder.onEvent(e({ type: 'run.waiting', pending: [{ nodeId: 'ok', request: { title: 't', message: value } }] }));
    await recorder.close();

    const files = await listFiles(path.join(runsDir, 'r3'));
    expect(files.some((file) => file.includes(`${path.sep}values${path.sep}`))).toBe(true);
    const escaped = JSON.stringify(value).slice(1, -1);
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      expect(text.includes(value), file).toBe(false);
      expect(text.includes(escaped), file).toBe(false);
      expect(text.includes('sk-Sup3r'), file).toBe(false);
    }
    expect(await readFile(path.join(runsDir, 'r3', 'events.jsonl'), 'utf8')).toContain('[secret:API_KEY]');
    expect((await readRunJson(runsDir, 'r3')).inputs).toEqual({ token: '[secret:API_KEY]' });
  });

  it('hands each event to onRecorded as it is logged: redacted once, large values inline, equal to the line read back', async () => {
    const runsDir = await tempDir();
    const secret = 'tok-0123456789abcdef';
    const secrets = createSecretService({ OPERON_SECRET_TOKEN: secret });
    secrets.get('token');
    const recorded: EngineEvent[] = [];
    const recorder = createRunRecorder({ runsDir, redact: secrets.redact, onRecorded: (event) => recorded.push(event) });
    const e = eventsFor('r9');
    recorder.beginRun({ runId: 'r9', workflow });
    const plain = e({ ...started, inputs: { q: 'hi' } });
    recorder.onEvent(plain);
    recorder.onEvent(
      e({ type: 'node.started', nodeId: 'a', attempt: 1, inputs: { auth: `Bearer ${secret}`, big: `${'z'.repeat(9_000)}${secret}` } }),
    );
    expect(recorded).toHaveLength(2); // at once, before anything is written
    expect(recorded[0]).toBe(plain); // nothing secret: the engine's own event, not a copy
    await recorder.close();

    expect(JSON.stringify(recorded)).not.toContain(secret);
    expect(recorded[1]).toMatchObject({ inputs: { auth: 'Bearer [secret:TOKEN]', big: `${'z'.repeat(9_000)}[secret:TOKEN]` } });
    expect((await readEvents(runsDir, 'r9', { resolveRefs: true })).events).toEqual(recorded);
    const [, line] = await readLines(path.join(runsDir, 'r9', 'events.jsonl'));
    expect(line).toMatchObject({ inputs: { big: { $ref: expect.stringMatching(/^values\//) as unknown } } });
  });

  it('keeps run.json current: started, waiting, resumed (by another recorder) and finished', async () => {
    const runsDir = await tempDir();
    const first = createRunRecorder({ runsDir, redact: identity });
    const e = eventsFor('r4');
    first.beginRun({ runId: 'r4', workflow, workflowRef: 'flows/demo.json' });
    first.onEvent(e(started));
    await first.flush();
    expect(await readRunJson(runsDir, 'r4')).toMatchObject({
      formatVersion: 1,
      runId: 'r4',
      workflowId: 'demo',
      workflowName: 'Demo flow',
      workflowRef: 'flows/demo.json',
      status: 'running',
      lastSeq: 0,
      pid: process.pid,
      workflow: { id: 'demo', name: 'Demo flow' },
    });
    const request = { title: 'Send?', message: 'Send the mail' };
    first.onEvent(e({ type: 'node.waiting', nodeId: 'approve', request }));
    first.onEvent(e({ type: 'run.waiting', pending: [{ nodeId: 'approve', request }] }));
    await first.close();
    expect(await readRunJson(runsDir, 'r4')).toMatchObject({ status: 'waiting', lastSeq: 2, pending: [{ nodeId: 'approve', request }] });

    // A later process resumes the run: it appends to the same files.
    const second = createRunRecorder({ runsDir, redact: identity });
    const decision = { decision: 'approved', by: 'ana', at: 5 } as const;
    second.onEvent(e({ type: 'run.resumed' }));
    second.onEvent(e({ type: 'node.decision', nodeId: 'approve', decision }));
    await second.flush();
    const resumed = await readRunJson(runsDir, 'r4');
    expect(resumed).toMatchObject({ status: 'running', lastSeq: 4, workflowName: 'Demo flow' });
    expect(resumed.pending).toBeUndefined();
    second.onEvent(
      e({ type: 'node.finished', nodeId: 'approve', status: 'succeeded', outputs: { approved: true }, durationMs: 1, attempts: 1 }),
    );
    second.onEvent(e({ type: 'run.finished', status: 'succeeded', outputs: { sent: true }, totals: someTotals }));
    await second.close();

    const done = await readRunJson(runsDir, 'r4');
    expect(done).toMatchObject({ status: 'succeeded', lastSeq: 6, outputs: { sent: true }, totals: someTotals, workflow: { id: 'demo' } });
    expect(done.endedAt).toBeTypeOf('number');
    expect((await readLines(path.join(runsDir, 'r4', 'events.jsonl'))).map((event) => event.seq)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const approve = await readLines(path.join(runsDir, 'r4', 'nodes', 'approve.jsonl'));
    expect(approve.map((event) => event.type)).toEqual(['node.waiting', 'node.decision', 'node.finished']);
  });

  it('gives a child run its own folder whose run.json names the parent', async () => {
    const runsDir = await tempDir();
    const recorder = createRunRecorder({ runsDir, redact: identity });
    const parent = eventsFor('parent');
    const child = eventsFor('child');
    recorder.beginRun({ runId: 'parent', workflow });
    recorder.onEvent(parent(started));
    recorder.onEvent(parent({ type: 'node.started', nodeId: 'call', attempt: 1, inputs: {} }));
    recorder.onEvent(
      child({ ...started, workflowId: 'sub', trigger: { type: 'sub-workflow' }, parent: { runId: 'parent', nodeId: 'call' } }),
    );
    recorder.onEvent(child({ type: 'node.started', nodeId: 'inner', attempt: 1, inputs: {} }));
    recorder.onEvent(child({ type: 'run.finished', status: 'succeeded', outputs: { r: 1 }, totals: someTotals }));
    recorder.onEvent(parent({ type: 'node.finished', nodeId: 'call', status: 'succeeded', outputs: { r: 1 }, durationMs: 2, attempts: 1 }));
    recorder.onEvent(parent({ type: 'run.finished', status: 'succeeded', outputs: {}, totals: someTotals }));
    await recorder.close();

    const childDoc = await readRunJson(runsDir, 'child');
    expect(childDoc).toMatchObject({
      runId: 'child',
      workflowId: 'sub',
      parent: { runId: 'parent', nodeId: 'call' },
      status: 'succeeded',
      workflow: null,
      workflowName: null,
    });
    expect((await readRunJson(runsDir, 'parent')).parent).toBeUndefined();
    expect((await readLines(path.join(runsDir, 'child', 'events.jsonl'))).map((event) => event.runId)).toEqual(['child', 'child', 'child']);
    expect((await readLines(path.join(runsDir, 'parent', 'events.jsonl'))).map((event) => event.runId)).toEqual([
      'parent',
      'parent',
      'parent',
      'parent',
    ]);
    expect(await readdir(path.join(runsDir, 'child', 'nodes'))).toEqual(['inner.jsonl']);
  });

  it('checkpoints run.json while a run is busy, without being flushed', async () => {
    const runsDir = await tempDir();
    const recorder = createRunRecorder({ runsDir, redact: identity, flushIntervalMs: 5, checkpointIntervalMs: 50 });
    const e = eventsFor('r6');
    recorder.onEvent(e(started));
    for (let i = 0; i < 20; i++) {
      recorder.onEvent(e({ type: 'node.queued', nodeId: `n${i}` }));
      await delay(10);
    }
    // The checkpoint timer writes it: wait for that file, not for a time the timer might outlast on a loaded machine.
    const checkpointed = async (): Promise<boolean> =>
      (await readRunJson(runsDir, 'r6').catch((): Record<string, unknown> => ({}))).lastSeq === 20;
    await waitUntil(checkpointed, 'run.json was checkpointed at seq 20');
    expect(await readRunJson(runsDir, 'r6')).toMatchObject({ status: 'running', lastSeq: 20 });
    expect(await readLines(path.join(runsDir, 'r6', 'events.jsonl'))).toHaveLength(21);
    await recorder.close();
  });

  it('does not throw from onEvent and reports write failures from flush', async () => {
    const dir = await tempDir();
    const runsDir = path.join(dir, 'not-a-folder');
    await writeFile(runsDir, 'a file where the runs folder should be');
    const recorder = createRunRecorder({ runsDir, redact: identity });
    const e = eventsFor('r7');
    expect(() => recorder.onEvent(e(started))).not.toThrow();
    expect(() => recorder.onEvent({ ...e({ type: 'run.resumed' }), runId: '../escape' })).not.toThrow();
    await expect(recorder.flush()).rejects.toMatchObject({
      code: 'OPR-110',
      message: expect.stringMatching(/^Could not write the run log: 2 failures; first: /) as unknown,
    });
    // The run's batch is kept and tried again: close reports that try (and only it) once more.
    await expect(recorder.close()).rejects.toMatchObject({
      code: 'OPR-110',
      message: expect.stringMatching(/^Could not write the run log: 1 failure; first: Could not create .*r7/) as unknown,
    });
  });

  it('ends or cuts a line left incomplete by a crash before appending to an interrupted run', async () => {
    const runsDir = await tempDir();
    const first = createRunRecorder({ runsDir, redact: identity });
    const e = eventsFor('r8');
    first.onEvent(e(started));
    first.onEvent(e({ type: 'node.queued', nodeId: 'a' }));
    await first.close();
    await writeFile(path.join(runsDir, 'r8', 'events.jsonl'), '{"seq":2,"ts":1,"runId":"r8","ty', { flag: 'a' });
    await writeFile(path.join(runsDir, 'r8', 'nodes', 'a.jsonl'), '{"seq":2,"ts":1,"runId":"r8","ty', { flag: 'a' });

    const second = createRunRecorder({ runsDir, redact: identity });
    second.onEvent(e({ type: 'node.started', nodeId: 'a', attempt: 1, inputs: {} }));
    await second.close();
    expect((await readLines(path.join(runsDir, 'r8', 'events.jsonl'))).map((event) => event.seq)).toEqual([0, 1, 2]);
    expect((await readLines(path.join(runsDir, 'r8', 'nodes', 'a.jsonl'))).map((event) => event.seq)).toEqual([1, 2]);
  });
});
