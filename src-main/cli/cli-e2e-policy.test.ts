import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { makeDataDir, makeTempDir, parseJsonOut, removeTempDirs, runCli, runIds, writeWorkflow } from './testing/run-cli.ts';

// `operon policy show|set`, and what the policy does to `operon validate`, `operon run` and `operon runs prune`.

vi.setConfig({ testTimeout: 120_000 });
afterAll(removeTempDirs);

describe('operon policy', () => {
  it('sets a checked policy (audited as the local user), shows it, and validate, run and prune keep to it', async () => {
    const dataDir = await makeDataDir();
    const dir = await makeTempDir();
    const env = { OPERON_USER: 'ada' };
    expect((await runCli(dataDir, ['policy', 'show'])).stdout).toContain('workspace default has no policy: nothing is checked');

    const bad = path.join(dir, 'bad-policy.json');
    await writeFile(bad, JSON.stringify({ nodeTypes: 'core.output' }));
    const refused = await runCli(dataDir, ['policy', 'set', bad], { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/OPR-260.*bad-policy\.json: nodeTypes: /);

    const workflow = await writeWorkflow(dir, 'fetch', {
      nodes: [
        { id: 'start', type: 'core.manual-trigger' },
        { id: 'result', type: 'core.output', config: { name: 'result' } },
      ],
      edges: [['start.out', 'result.in']],
    });
    // Two runs before the policy, to prune.
    for (let i = 0; i < 2; i++) expect((await runCli(dataDir, ['run', workflow])).code).toBe(0);

    const good = path.join(dir, 'policy.json');
    await writeFile(good, JSON.stringify({ nodeTypes: ['core.manual-trigger'], retention: { maxTotalMb: 1e-9 } }));
    const set = await runCli(dataDir, ['policy', 'set', good], { env });
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toContain('node types allowed: core.manual-trigger');
    const shown = parseJsonOut<{ policy: { nodeTypes: string[]; http: { allowPrivateNetworks: boolean } } }>(
      await runCli(dataDir, ['policy', 'show', '--json']),
    );
    expect(shown.policy).toMatchObject({ nodeTypes: ['core.manual-trigger'], http: { allowPrivateNetworks: false } });
    const audit = await readFile(path.join(dataDir, 'workspaces', 'default', 'audit', 'audit.jsonl'), 'utf8');
    expect(JSON.parse(audit.trim().split('\n').at(-1)!)).toMatchObject({ actor: 'ada', action: 'policy.changed', target: 'policy' });

    const validated = await runCli(dataDir, ['validate', workflow]);
    expect(validated.code).toBe(2);
    expect(validated.stdout + validated.stderr).toContain(
      'node "result" is of the type Output (core.output), which the workspace policy does not allow',
    );
    const ran = await runCli(dataDir, ['run', workflow]);
    // The engine refuses it too (a file edited behind the editor's back): the run fails before any node runs.
    expect(ran.code).toBe(1);
    expect(ran.stdout + ran.stderr).toContain('OPR-261');

    const runs = await runIds(dataDir);
    expect(runs).toHaveLength(3);
    const dry = await runCli(dataDir, ['runs', 'prune', '--dry-run']);
    expect(dry.stdout).toContain('would remove 3 runs in workspace default');
    expect(await runIds(dataDir)).toHaveLength(3);
    const pruned = await runCli(dataDir, ['runs', 'prune']);
    expect(pruned.code, pruned.stderr).toBe(0);
    for (const runId of runs) expect(pruned.stdout).toContain(`removed ${runId}`);
    expect(await runIds(dataDir)).toEqual([]);
  });
});
