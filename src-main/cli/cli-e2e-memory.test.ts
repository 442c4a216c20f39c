import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EventOf } from '../../src-shared/engine/events.ts';
import { startFakeOpenAi } from '../services/llm/testing/fake-openai-server.ts';
import { EVENT_WAIT_MS } from '../services/testing/waiting.ts';
import { EXAMPLES, makeDataDir, parseJsonOut, readRunLogs, removeTempDirs, runCli } from './testing/run-cli.ts';

// Memory end to end: separate `operon` processes on one workspace, embedded LanceDB and the offline embedder.

afterAll(removeTempDirs);
const notes = path.join(EXAMPLES, 'memory-notes.operon.json');
// The first memory command on a fresh data folder converts the offline embedder: tens of seconds on a loaded machine.
const SLOW = { timeoutMs: EVENT_WAIT_MS };

describe('memory across runs', () => {
  it('a later run finds notes stored by earlier runs by meaning, and its log traces each hit to the run that wrote it', async () => {
    const dataDir = await makeDataDir();
    const stored: string[] = [];
    for (const note of [
      'Our car needs new tires before winter.',
      'The quarterly budget review is on Friday.',
      'Buy oat milk and bananas.',
    ]) {
      const result = await runCli(dataDir, ['run', notes, '-i', 'mode=store', '-i', `text=${note}`, '--json'], SLOW);
      expect(result.code, result.stderr).toBe(0);
      stored.push(parseJsonOut(result).runId);
    }
    const recall = await runCli(dataDir, ['run', notes, '-i', 'mode=recall', '-i', 'text=automobile maintenance', '--json'], SLOW);
    expect(recall.code, recall.stderr).toBe(0);
    const { runId, outputs } = parseJsonOut(recall);
    const hits = outputs.hits as { text: string; score: number; source: { runId: string; nodeId: string } }[];
    expect(hits[0]).toMatchObject({ text: 'Our car needs new tires before winter.', source: { runId: stored[0], nodeId: 'remember' } });
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);

    const { events } = await readRunLogs(dataDir, runId);
    const search = events.find((e): e is EventOf<'node.memory'> => e.type === 'node.memory' && e.op === 'search');
    expect(search?.results?.[0]).toMatchObject({
      text: 'Our car needs new tires before winter.',
      source: { runId: stored[0], nodeId: 'remember' },
    });
    expect(search?.results?.[0]?.score).toBeGreaterThan(0);
    const show = await runCli(dataDir, ['runs', 'show', runId, '--node', 'recall'], SLOW);
    expect(show.stdout).toContain('node.memory');
  });
});

describe('operon memory', () => {
  it('adds, searches by meaning, lists and deletes; another workspace sees none of it', async () => {
    const dataDir = await makeDataDir();
    const add = (text: string, key: string) =>
      runCli(dataDir, ['memory', 'add', text, '--collection', 'kb', '--key', key, '--tag', 'faq'], SLOW);
    expect((await add('Refunds are paid within five working days.', 'refunds')).code).toBe(0);
    expect((await add('The physician sees patients on Tuesdays.', 'doctor')).code).toBe(0);
    const search = await runCli(dataDir, ['memory', 'search', 'when does the doctor work', '--mode', 'vector', '--json'], SLOW);
    expect(search.code, search.stderr).toBe(0);
    const hits = JSON.parse(search.stdout) as { record: { key: string }; vectorScore: number }[];
    expect(hits.map((hit) => hit.record.key)).toEqual(['doctor', 'refunds']);
    expect(hits[0]!.vectorScore).toBeGreaterThan(hits[1]!.vectorScore);

    const list = await runCli(dataDir, ['memory', 'list', '--collection', 'kb', '--json'], SLOW);
    expect(list.stdout).toContain('Refunds are paid');
    expect((await runCli(dataDir, ['memory', 'delete', '--collection', 'kb', '--key', 'refunds'], SLOW)).code).toBe(0);
    expect((await runCli(dataDir, ['memory', 'list', '--collection', 'kb', '--json'], SLOW)).stdout).not.toContain('Refunds are paid');

    const elsewhere = await runCli(dataDir, ['--workspace', 'other', 'memory', 'search', 'doctor', '--json'], SLOW);
    expect(elsewhere.code, elsewhere.stderr).toBe(0);
    expect(JSON.parse(elsewhere.stdout)).toEqual([]);
  });

  it('refuses to search with another embedder than the table was built with, naming reindex, which fixes it', async () => {
    const dataDir = await makeDataDir();
    expect((await runCli(dataDir, ['memory', 'add', 'The kettle arrived broken.'], SLOW)).code).toBe(0);
    const openai = await startFakeOpenAi();
    try {
      const root = path.join(dataDir, 'workspaces', 'default');
      await writeFile(
        path.join(root, 'settings.json'),
        JSON.stringify({ memory: { embedder: { kind: 'provider', provider: 'local', model: 'letters', dimension: 27 } } }),
      );
      const env = { OPERON_PROVIDER_LOCAL_BASE_URL: openai.url };
      const refused = await runCli(dataDir, ['memory', 'search', 'kettle'], { ...SLOW, env });
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toContain('OPR-141');
      expect(refused.stderr).toContain('operon memory reindex --workspace default');

      const reindex = await runCli(dataDir, ['memory', 'reindex'], { ...SLOW, env });
      expect(reindex.code, reindex.stderr).toBe(0);
      expect(reindex.stdout).toContain('local:letters');
      const found = await runCli(dataDir, ['memory', 'search', 'kettle', '--json'], { ...SLOW, env });
      expect(found.code, found.stderr).toBe(0);
      expect(found.stdout).toContain('The kettle arrived broken.');
      expect(openai.requests.some((r) => r.path.endsWith('/embeddings'))).toBe(true);
      expect(JSON.parse(await readFile(path.join(root, 'memory', 'meta.json'), 'utf8'))).toMatchObject({
        tables: { semantic: { embedder: 'local:letters', dimension: 27 } },
      });
    } finally {
      await openai.close();
    }
  });
});
