import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../../src-shared/engine/events.ts';
import { eventsFor, someTotals, tempDir } from '../test-support.ts';
import { readEventPages, type EventPagesOptions } from './event-pages.ts';
import { readEvents } from './run-reader.ts';
import { createRunRecorder } from './run-recorder.ts';

/** Records a finished run of `nodes` logging nodes (multi-byte text, one large value) and returns its runs folder. */
async function recordRun(runId: string, nodes: number): Promise<string> {
  const runsDir = await tempDir();
  const recorder = createRunRecorder({ runsDir, redact: (text) => text });
  const e = eventsFor(runId);
  recorder.onEvent(e({ type: 'run.started', workflowId: 'demo', workflowHash: 'abc', trigger: { type: 'manual' }, inputs: {} }));
  for (let i = 0; i < nodes; i++) {
    recorder.onEvent(e({ type: 'node.started', nodeId: `n${i}`, attempt: 1, inputs: { text: `é😀 ${i}` } }));
    const out = i === 3 ? 'w'.repeat(9_000) : i;
    recorder.onEvent(e({ type: 'node.finished', nodeId: `n${i}`, status: 'succeeded', outputs: { out }, durationMs: 1, attempts: 1 }));
  }
  recorder.onEvent(e({ type: 'run.finished', status: 'succeeded', outputs: {}, totals: someTotals }));
  await recorder.close();
  return runsDir;
}

async function pages(runsDir: string, runId: string, options: EventPagesOptions): Promise<EngineEvent[][]> {
  const out: EngineEvent[][] = [];
  for await (const page of readEventPages(runsDir, runId, options)) out.push(page);
  return out;
}

describe('readEventPages', () => {
  it('pages the log from a seq, values resolved, the same events as readEvents, however the file is chunked', async () => {
    const runsDir = await recordRun('r1', 20);
    const { events: all } = await readEvents(runsDir, 'r1', { resolveRefs: true });
    expect(all).toHaveLength(42);
    // 7-byte chunks cut lines and multi-byte characters apart.
    const read = await pages(runsDir, 'r1', { fromSeq: 5, pageEvents: 8, chunkBytes: 7 });
    expect(read.map((page) => page.length)).toEqual([8, 8, 8, 8, 5]);
    expect(read.flat()).toEqual(all.slice(5));
    expect(read.flat().find((event) => event.seq === 8)).toMatchObject({ outputs: { out: 'w'.repeat(9_000) } });
    expect((await pages(runsDir, 'r1', { fromSeq: 0 })).flat()).toEqual(all);
    expect(await pages(runsDir, 'r1', { fromSeq: 42 })).toEqual([]);
  });

  it('cuts pages by size too, always at least one event a page', async () => {
    const runsDir = await recordRun('r2', 3);
    const read = await pages(runsDir, 'r2', { fromSeq: 0, pageChars: 1 });
    expect(read.map((page) => page.length)).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
  });

  it('leaves out a last line still being written, and takes a complete one without its newline', async () => {
    const runsDir = await recordRun('r3', 1);
    const file = path.join(runsDir, 'r3', 'events.jsonl');
    const text = await readFile(file, 'utf8');
    const lines = text.trimEnd().split('\n');
    await writeFile(file, `${lines.slice(0, -1).join('\n')}\n${lines.at(-1)?.slice(0, 20) ?? ''}`);
    expect((await pages(runsDir, 'r3', { fromSeq: 0 })).flat().map((event) => event.type)).toEqual([
      'run.started',
      'node.started',
      'node.finished',
    ]);
    await writeFile(file, text.trimEnd());
    expect((await pages(runsDir, 'r3', { fromSeq: 0 })).flat().at(-1)?.type).toBe('run.finished');
  });

  it('fails with OPR-150 for an unknown run and OPR-154 naming a damaged line; a run folder without a log has no pages', async () => {
    const runsDir = await recordRun('r4', 1);
    await expect(pages(runsDir, 'nope', { fromSeq: 0 })).rejects.toMatchObject({ code: 'OPR-150' });
    await appendFile(path.join(runsDir, 'r4', 'events.jsonl'), 'not json\n{"also":"bad"}\n');
    await expect(pages(runsDir, 'r4', { fromSeq: 0 })).rejects.toMatchObject({ code: 'OPR-154', message: /line 5 is not valid JSON/ });
    await mkdir(path.join(runsDir, 'r5'));
    expect(await pages(runsDir, 'r5', { fromSeq: 0 })).toEqual([]);
  });
});
