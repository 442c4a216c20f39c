import { EVENT_WAIT_MS } from '../services/testing/waiting.ts';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXAMPLES, makeDataDir, makeTempDir, parseJsonOut, removeTempDirs, runCli, runIds, writeWorkflow } from './testing/run-cli.ts';

// Run inputs are checked against the workflow's inputs schema before anything runs: a missing one is refused (exit 2)
// naming it, an undeclared one is named in a warning, or refused where the schema forbids other inputs.

afterAll(removeTempDirs);

const SLOW = { timeoutMs: EVENT_WAIT_MS };

describe('operon run and its inputs', () => {
  it('memory-notes with no inputs is refused before anything runs, naming the missing input', async () => {
    const dataDir = await makeDataDir();
    const result = await runCli(dataDir, ['run', path.join(EXAMPLES, 'memory-notes.operon.json')], SLOW);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain('OPR-030 at inputs.text: the input "text" is required');
    expect(await runIds(dataDir), 'no run folder').toEqual([]);
  });

  it('warns of an undeclared input on stderr, naming the declared ones, and runs', async () => {
    const dataDir = await makeDataDir();
    const result = await runCli(dataDir, ['run', path.join(EXAMPLES, 'diamond.operon.json'), '--input', 'nosuch=1', '--json'], SLOW);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('warning OPR-205 at inputs.nosuch: unknown input "nosuch": workflow "diamond" declares numbers');
    expect(parseJsonOut(result).status).toBe('succeeded');
  });

  it('refuses an undeclared input with exit 2 when the schema forbids other inputs', async () => {
    const dataDir = await makeDataDir();
    const file = await writeWorkflow(await makeTempDir(), 'closed', {
      inputs: { type: 'object', properties: { name: { type: 'string' } }, additionalProperties: false },
      nodes: [
        { id: 'start', type: 'core.manual-trigger' },
        { id: 'result', type: 'core.output', config: { name: 'out' } },
      ],
      edges: [['start.out', 'result.in']],
    });
    const result = await runCli(dataDir, ['run', file, '--input', 'nmae=ana'], SLOW);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain('OPR-205 at inputs.nmae: unknown input "nmae": workflow "closed" declares name');
    expect(await runIds(dataDir), 'no run folder').toEqual([]);
  });
});
