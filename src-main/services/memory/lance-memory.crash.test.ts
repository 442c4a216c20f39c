import { spawn } from 'node:child_process';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test-support.ts';
import { waitUntil } from '../testing/waiting.ts';
import { openTestMemory } from './testing/open-test-memory.ts';

describe('lance memory crash safety', () => {
  it('leaves the table readable when the writing process is killed mid-write', async () => {
    const dir = path.join(await tempDir(), 'memory');
    const script = path.join(import.meta.dirname, 'testing', 'write-loop.ts');
    const child = spawn(process.execPath, [script, dir], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, RUST_LOG: 'error' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    // Batches 0-3: two appends (1,000 keyless rows) and two upserts of the same 500 keys.
    await waitUntil(
      () => {
        if (child.exitCode !== null) throw new Error(`the writer exited before it got going: ${stderr}`);
        return stdout.includes('wrote 3\n');
      },
      () => `the writer wrote batch 3 (stderr: ${stderr})`,
    );
    // Not a wait for anything: only where the kill lands, past the start of the next write (any moment is valid).
    await delay(15);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const batches = stdout.trim().split('\n').length;

    const memory = await openTestMemory({ dir, workspaceId: 'ws-crash' });
    const records = await memory.list({ collection: 'crash' }, 100_000);
    const keyed = records.filter((record) => record.key !== null);
    const keyless = records.filter((record) => record.key === null);
    // Each write committed whole or not at all: whole batches of 500, one row per key.
    expect(keyless.length % 500).toBe(0);
    expect(keyless.length).toBeGreaterThanOrEqual(Math.ceil(batches / 2) * 500);
    expect(keyed).toHaveLength(500);
    expect(new Set(keyed.map((record) => record.key)).size).toBe(500);
    const hits = await memory.search({ text: 'b0r7', topK: 3, mode: 'hybrid' });
    expect(hits.find((hit) => hit.textRank === 1)?.record.text).toContain('marker b0r7 ');
    // And it still takes writes.
    await memory.write([{ collection: 'crash', text: 'after the crash' }], {});
    expect((await memory.search({ text: 'after the crash', topK: 1, mode: 'vector' }))[0]?.record.text).toBe('after the crash');
  });
});
