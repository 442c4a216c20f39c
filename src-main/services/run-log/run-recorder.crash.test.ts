import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { repairJsonlTail } from './jsonl.ts';
import { readEvents, readRun } from './run-reader.ts';
import { listFiles, tempDir } from '../test-support.ts';
import { waitUntil } from '../testing/waiting.ts';

const recorderUrl = pathToFileURL(path.join(import.meta.dirname, 'run-recorder.ts')).href;

// Records events as fast as a busy engine would, until it is killed.
const childScript = `
import { createRunRecorder } from ${JSON.stringify(recorderUrl)};
const runsDir = process.argv[2];
const recorder = createRunRecorder({ runsDir, redact: (text) => text, checkpointIntervalMs: 100 });
const runId = 'crashed';
let seq = 0;
const emit = (body) => recorder.onEvent({ ...body, seq: seq++, ts: Date.now(), runId });
recorder.beginRun({ runId, workflow: null });
emit({ type: 'run.started', workflowId: 'wf', workflowHash: 'h', trigger: { type: 'manual' }, inputs: {} });
let i = 0;
setInterval(() => {
  for (let k = 0; k < 25; k++, i++) {
    const nodeId = 'n' + (i % 400);
    emit({ type: 'node.started', nodeId, attempt: 1, inputs: { i, text: i % 40 === 0 ? 'z'.repeat(6000) + i : 'short' } });
    emit({ type: 'node.log', nodeId, level: 'info', message: 'line ' + i });
    emit({ type: 'node.finished', nodeId, status: 'succeeded', outputs: { i }, durationMs: 1, attempts: 1 });
  }
}, 1);
`;

/** run.json's lastSeq, or -1 while there is none. */
async function checkpointedSeq(file: string): Promise<number> {
  try {
    return (JSON.parse(await readFile(file, 'utf8')) as { lastSeq: number }).lastSeq;
  } catch {
    return -1;
  }
}

async function lineCount(file: string): Promise<number> {
  try {
    return (await readFile(file, 'utf8')).split('\n').length - 1;
  } catch {
    return 0;
  }
}

describe('run recorder crash safety', () => {
  it('leaves whole lines (but a cut last one, which the resume cuts off) and a valid run.json when the process is killed mid-run', async () => {
    const dir = await tempDir();
    const script = path.join(dir, 'record.mjs');
    await writeFile(script, childScript);
    const runsDir = path.join(dir, 'runs');
    const child = spawn(process.execPath, [script, runsDir], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));

    const runDir = path.join(runsDir, 'crashed');
    // Kill it once it has written a good amount and checkpointed run.json at least once after the start.
    await waitUntil(
      async () => {
        if (child.exitCode !== null) throw new Error(`the recorder process exited before it got going: ${stderr}`);
        return (await lineCount(path.join(runDir, 'events.jsonl'))) >= 6000 && (await checkpointedSeq(path.join(runDir, 'run.json'))) > 0;
      },
      () => `the recorder wrote 6,000 lines and checkpointed run.json (stderr: ${stderr})`,
    );
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    // The kernel may stop a write part-way when the process is killed (a large append is copied a page at a time), so
    // a log may end in a cut line (appends to several files go in parallel, so more than one may). Every other line is whole; readers skip the cut one with a warning, and the resume
    // that continues the run cuts it off before appending (repairJsonlTail), after which every file is whole.
    const files = (await listFiles(runDir)).filter((file) => !file.endsWith('.tmp')); // a killed atomic write leaves only a temp file
    expect(files.filter((file) => file.includes(`${path.sep}nodes${path.sep}`)).length).toBeGreaterThan(100);
    expect(files.some((file) => file.includes(`${path.sep}values${path.sep}`))).toBe(true);
    const cut: string[] = [];
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      if (file.endsWith('.jsonl')) {
        const lines = text.split('\n');
        const tail = lines.pop() ?? '';
        if (tail !== '') cut.push(file);
        for (const line of lines) expect(() => JSON.parse(line) as unknown, file).not.toThrow();
      } else {
        expect(() => JSON.parse(text) as unknown, file).not.toThrow();
      }
    }
    const run = await readRun(runsDir, 'crashed');
    expect(run.status).toBe('running');
    expect(run.interrupted).toBe(true);
    const { events, warnings } = await readEvents(runsDir, 'crashed', { resolveRefs: true });
    const eventsCut = cut.some((file) => file.endsWith(`${path.sep}events.jsonl`));
    expect(warnings.length).toBe(eventsCut ? 1 : 0);
    if (eventsCut) expect(warnings[0]).toMatch(/ignored an incomplete last line/);
    expect(events.map((event) => event.seq)).toEqual(events.map((_event, index) => index));
    expect(run.lastSeq).toBeGreaterThan(0);
    expect(run.lastSeq).toBeLessThanOrEqual(events.length - 1);
    expect(
      events.some((event) => event.type === 'node.started' && typeof event.inputs.text === 'string' && event.inputs.text.length > 6000),
    ).toBe(true);

    for (const file of cut) {
      expect(await repairJsonlTail(file)).toMatch(/^(ended|truncated)$/);
      const text = await readFile(file, 'utf8');
      expect(text.endsWith('\n'), `${file} ends with a whole line after the repair`).toBe(true);
      for (const line of text.slice(0, -1).split('\n')) expect(() => JSON.parse(line) as unknown, file).not.toThrow();
    }
  });
});
