import { EVENT_WAIT_MS } from '../services/testing/waiting.ts';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { InboxItem } from '../../src-shared/api/debug-schemas.ts';
import { EXAMPLES, makeDataDir, makeTempDir, parseJsonOut, removeTempDirs, runCli, writeWorkflow } from './testing/run-cli.ts';

// The run history from the command line: runs list filtered by status and workflow, two runs compared node by node,
// and the approvals inbox across runs, each reading what the API reads.

const SLOW = { timeoutMs: EVENT_WAIT_MS };
// Each test spawns up to five CLIs: on a loaded 2-core machine one takes seconds.
vi.setConfig({ testTimeout: 180_000 });
const diamond = path.join(EXAMPLES, 'diamond.operon.json');

let dataDir: string;
let diamondA: string;
let diamondB: string;
let waiting: string[];

beforeAll(async () => {
  dataDir = await makeDataDir();
  const gated = await writeWorkflow(await makeTempDir(), 'gated', {
    nodes: [
      { id: 'start', type: 'core.manual-trigger' },
      { id: 'signoff', type: 'core.approval', label: 'Manager sign-off', config: { title: 'Refund?', message: 'over the limit' } },
      { id: 'result', type: 'core.output', config: { name: 'ok' } },
    ],
    edges: [
      ['start.out', 'signoff.in'],
      ['signoff.approved', 'result.in'],
    ],
  });
  const run = async (args: string[]) => parseJsonOut(await runCli(dataDir, ['run', ...args, '--json'], SLOW)).runId;
  diamondA = await run([diamond]);
  diamondB = await run([diamond, '--input', 'numbers=[1,2]']);
  waiting = [await run([gated]), await run([gated])];
});
afterAll(removeTempDirs);

describe('operon runs list', () => {
  it('shows a header with the workflow column, and filters by --status and --workflow', async () => {
    const all = await runCli(dataDir, ['runs', 'list']);
    expect(all.stdout.split('\n')[0]).toMatch(/^run\s+status\s+workflow\s+started\s+duration\s+nodes$/);
    const ids = async (...args: string[]) =>
      parseJsonOut<{ runId: string }[]>(await runCli(dataDir, ['runs', 'list', ...args, '--json'])).map((entry) => entry.runId);
    expect((await ids('--status', 'waiting')).sort()).toEqual([...waiting].sort());
    expect((await ids('--workflow', 'diamond')).sort()).toEqual([diamondA, diamondB].sort());
    expect(await ids('--workflow', 'gated', '--status', 'succeeded')).toEqual([]);
    const bad = await runCli(dataDir, ['runs', 'list', '--status', 'done']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Allowed choices are running, waiting, succeeded, failed, cancelled, interrupted');
  });
});

describe('operon runs compare', () => {
  it('prints each node with its status, duration and what changed', async () => {
    const result = await runCli(dataDir, ['runs', 'compare', diamondA, diamondB]);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(new RegExp(`^A  ${diamondA}  succeeded`));
    expect(lines[1]).toMatch(new RegExp(`^B  ${diamondB}  succeeded`));
    // Named as the canvas names it (unlabelled: its type's title, numbered), with the id a command takes.
    expect(lines.find((line) => line.includes('(sum)'))).toMatch(
      /^≠\s+Transform \(sum\)\s+succeeded\s+\d+ ms → \d+ ms\s+changed\s+changed$/,
    );
    expect(lines.find((line) => line.includes('(max)'))).toMatch(/^≠\s+Transform 2 \(max\)\s/);
    expect(result.stdout).toMatch(/7 of 7 nodes differ/);
  });

  it('--json gives each node diff with its measures in both runs', async () => {
    const json = parseJsonOut<{
      a: { runId: string };
      nodes: { nodeId: string; outputs: string; label: string; a: { durationMs: number } }[];
    }>(await runCli(dataDir, ['runs', 'compare', diamondA, diamondB, '--json']));
    expect(json.a.runId).toBe(diamondA);
    const sum = json.nodes.find((node) => node.nodeId === 'sum');
    expect(sum).toMatchObject({
      statusA: 'succeeded',
      statusB: 'succeeded',
      outputs: 'different',
      label: 'Transform',
      b: { modelCalls: 0 },
    });
    expect(sum?.a.durationMs).toEqual(expect.any(Number));
  });

  it('names a run that is not there (OPR-150)', async () => {
    const result = await runCli(dataDir, ['runs', 'compare', diamondA, 'nope']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('OPR-150');
  });
});

describe('operon approvals', () => {
  it('lists the pending approvals across runs by node label, with the commands that decide them', async () => {
    const result = await runCli(dataDir, ['approvals']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('2 approvals waiting');
    for (const runId of waiting) {
      expect(result.stdout).toContain(`run ${runId} · gated · waiting since `);
      expect(result.stdout).toContain(`operon approve ${runId} --node signoff`);
    }
    expect(result.stdout).toContain('Manager sign-off: Refund?: over the limit');
  });

  it('--json lists them oldest first, as the API does', async () => {
    const { approvals } = parseJsonOut<{ approvals: InboxItem[] }>(await runCli(dataDir, ['approvals', '--json']));
    expect(approvals.map((item) => item.runId)).toEqual(waiting);
    expect(approvals[0]).toMatchObject({
      nodeId: 'signoff',
      nodeLabel: 'Manager sign-off',
      workflowId: 'gated',
      request: { title: 'Refund?' },
    });
  });
});
