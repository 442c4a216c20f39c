import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeDataDir, removeTempDirs, runCli } from './testing/run-cli.ts';

// `operon audit`: what the CLI did is in the workspace's trail, with who did it; verify checks the chain and names the
// first bad line; export gives the entries for a review.

afterAll(removeTempDirs);

describe('operon audit', () => {
  it('records secret changes by the local user, verifies the chain, names a changed line, and exports CSV', async () => {
    const dataDir = await makeDataDir();
    const env = { OPERON_USER: 'ada' };
    for (const [args, stdin] of [
      [['secrets', 'set', 'ONE'], 'value-number-one'],
      [['secrets', 'set', 'TWO'], 'value-number-two'],
      [['secrets', 'set', 'ONE'], 'value-number-one-b'],
      [['secrets', 'delete', 'TWO'], undefined],
    ] as const) {
      const result = await runCli(dataDir, [...args], { env, ...(stdin === undefined ? {} : { stdin }) });
      expect(result.code, result.stderr).toBe(0);
    }
    const verified = await runCli(dataDir, ['audit', 'verify']);
    expect(verified.stdout).toBe('the audit trail of workspace default holds: 4 entries\n');
    expect(verified.code).toBe(0);

    const exported = await runCli(dataDir, ['audit', 'export', '--format', 'jsonl', '--since', '2000-01-01']);
    const entries = exported.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { actor: string; action: string; target: string });
    expect(entries.map((entry) => [entry.actor, entry.action, entry.target])).toEqual([
      ['ada', 'secret.created', 'secret:ONE'],
      ['ada', 'secret.created', 'secret:TWO'],
      ['ada', 'secret.changed', 'secret:ONE'],
      ['ada', 'secret.deleted', 'secret:TWO'],
    ]);
    expect(exported.stdout).not.toContain('value-number');
    const csv = await runCli(dataDir, ['audit', 'export', '--format', 'csv']);
    expect(csv.stdout.split('\r\n')).toHaveLength(6); // the header, four rows, and the end
    expect((await runCli(dataDir, ['audit', 'export', '--until', '2000-01-01'])).stdout).toBe('');

    const file = path.join(dataDir, 'workspaces', 'default', 'audit', 'audit.jsonl');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('"secret:TWO"', '"secret:TWX"'));
    const broken = await runCli(dataDir, ['audit', 'verify']);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/broken at line 2 of 4: it was changed/);
  });

  it('refuses a bad format or date with exit 2, naming it', async () => {
    const dataDir = await makeDataDir();
    const format = await runCli(dataDir, ['audit', 'export', '--format', 'xml']);
    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(/OPR-255 --format must be jsonl or csv/);
    const since = await runCli(dataDir, ['audit', 'export', '--since', 'yesterday']);
    expect(since.code).toBe(2);
    expect(since.stderr).toMatch(/OPR-255 --since "yesterday" is not a date or time/);
  });
});
