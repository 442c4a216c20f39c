import { afterAll, describe, expect, it } from 'vitest';
import { workspacePaths } from '../services/data-dir.ts';
import { auditPaths, readAuditLines } from '../services/audit/audit-log.ts';
import { makeDataDir, parseJsonOut, readRunLogs, removeTempDirs, runCli, writeWorkflow } from './testing/run-cli.ts';

// Four-eyes on the CLI: `operon run` records OPERON_USER as the run's starter, and `operon approve` as that same user is
// refused (OPR-272) while another user's decision goes through; each leaves its audit entry.

afterAll(removeTempDirs);

describe('four-eyes on the CLI', () => {
  it('refuses the starter and takes another local user, recording both actors', async () => {
    const dataDir = await makeDataDir();
    const file = await writeWorkflow(dataDir, 'payout', {
      nodes: [
        { id: 'start', type: 'core.manual-trigger' },
        { id: 'ask', type: 'core.approval', label: 'Sign off payout', config: { fourEyes: true } },
        { id: 'done', type: 'core.output', config: { name: 'paid' } },
      ],
      edges: [
        ['start.out', 'ask.in'],
        ['ask.approved', 'done.in'],
      ],
    });
    const started = await runCli(dataDir, ['run', file, '--json'], { env: { OPERON_USER: 'ana' } });
    expect(started.code, started.stderr).toBe(3);
    const { runId } = parseJsonOut(started);
    expect((await readRunLogs(dataDir, runId)).run).toMatchObject({ status: 'waiting', startedBy: 'ana' });

    const own = await runCli(dataDir, ['approve', runId, '--json'], { env: { OPERON_USER: 'ana' } });
    expect(own.code).not.toBe(0);
    expect(own.stderr).toMatch(/OPR-272.*"Sign off payout" needs four eyes: ana started this run/);
    expect((await readRunLogs(dataDir, runId)).run.status).toBe('waiting');

    const other = await runCli(dataDir, ['approve', runId, '--json'], { env: { OPERON_USER: 'bo' } });
    expect(other.code, other.stderr).toBe(0);
    expect(parseJsonOut(other)).toMatchObject({ runId, status: 'succeeded' });

    const lines = await readAuditLines(auditPaths(workspacePaths(dataDir, 'default').root).file);
    const entries = lines.map((line) => JSON.parse(line) as { action: string; actor: string; details?: unknown });
    expect(entries.map((entry) => [entry.action, entry.actor])).toEqual([
      ['run.started', 'ana'],
      ['approval.decided', 'bo'],
    ]);
    expect(entries[1]?.details).toMatchObject({ decision: 'approved', nodeId: 'ask', node: 'Sign off payout' });
  });
});
