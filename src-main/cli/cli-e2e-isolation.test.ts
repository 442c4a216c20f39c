import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeDataDir, makeTempDir, removeTempDirs, runCli, writeWorkflow } from './testing/run-cli.ts';

// Issue 14, isolation: the CLI acting in acme never reaches globex's runs and approvals, and refuses workspace ids
// and run ids that walk out of the workspace, each with a clear error (code and what).

afterAll(removeTempDirs);

describe('the CLI in acme', () => {
  it("refuses globex's waiting run, every walking id, and lists nothing of globex's", async () => {
    const dataDir = await makeDataDir();
    const file = await writeWorkflow(await makeTempDir(), 'signoff', {
      nodes: [
        { id: 'start', type: 'core.manual-trigger' },
        { id: 'ask', type: 'core.approval', config: { title: 'Globex sign-off' } },
      ],
      edges: [['start.out', 'ask.in']],
    });
    const waiting = await runCli(dataDir, ['--workspace', 'globex', 'run', file, '--json']);
    expect(waiting.code).toBe(3);
    const [runId = ''] = await readdir(path.join(dataDir, 'workspaces', 'globex', 'runs'));
    expect(runId).not.toBe('');

    const cases: [string[], RegExp][] = [
      [['runs', 'show', runId], /^OPR-150 Run not found/],
      [['runs', 'compare', runId, runId], /^OPR-150 Run not found/],
      [['runs', 'resume', runId], /^OPR-150 Run not found/],
      [['approve', runId], /^OPR-150 Run not found/],
      [['reject', runId], /^OPR-150 Run not found/],
      [['runs', 'show', `../../globex/runs/${runId}`], /^OPR-150 Not a valid run id/],
      [['runs', 'show', `..\\..\\globex\\runs\\${runId}`], /^OPR-150 Not a valid run id/],
    ];
    for (const [args, expected] of cases) {
      const result = await runCli(dataDir, ['--workspace', 'acme', ...args]);
      expect(result.code, args.join(' ')).not.toBe(0);
      expect(result.stderr.trim(), args.join(' ')).toMatch(expected);
    }
    for (const workspace of ['../globex', 'acme/../globex', '..\\globex', '/tmp', '%2e%2e']) {
      const result = await runCli(dataDir, ['--workspace', workspace, 'runs', 'list']);
      expect(result.code, workspace).toBe(2);
      expect(result.stderr, workspace).toMatch(/^OPR-155 Invalid workspace id/);
    }
    const approvals = await runCli(dataDir, ['--workspace', 'acme', 'approvals', '--json']);
    expect(approvals.code).toBe(0);
    expect(approvals.stdout).not.toContain(runId);
    expect(approvals.stdout).not.toContain('Globex sign-off');
    // Globex's run still waits for its own approver.
    const globex = await runCli(dataDir, ['--workspace', 'globex', 'approvals', '--json']);
    expect(globex.stdout).toContain(runId);
  });
});
