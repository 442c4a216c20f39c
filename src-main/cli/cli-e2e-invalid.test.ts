import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EXAMPLES,
  makeDataDir,
  makeTempDir,
  parseJsonOut,
  removeTempDirs,
  runCli,
  runIds,
  writeWorkflow,
  type CliResult,
} from './testing/run-cli.ts';

// Invalid workflow files, inputs and paths: exit 2, every problem named with its code and node or edge, nothing run.

/** One node or edge per problem the validator must report, and where it must say it is. */
const EXPECTED = [
  { code: 'OPR-010', where: 'node "mystery"' },
  { code: 'OPR-012', where: 'edge "e-ghost"' },
  { code: 'OPR-011', where: 'node "slow"' },
  { code: 'OPR-016', where: /node "(loop-a|loop-b)"/ },
  { code: 'OPR-014', where: 'node "result"' },
];

let dir: string;
let broken: string;
beforeAll(async () => {
  dir = await makeTempDir();
  broken = await writeWorkflow(dir, 'broken', {
    nodes: [
      { id: 'start', type: 'core.manual-trigger' },
      { id: 'mystery', type: 'core.does-not-exist' },
      { id: 'slow', type: 'core.delay', config: { ms: -5 } },
      { id: 'loop-a', type: 'core.transform' },
      { id: 'loop-b', type: 'core.transform' },
      { id: 'result', type: 'core.output', config: { name: 'x' } },
    ],
    edges: [
      ['start.out', 'slow.in'],
      ['start.out', 'ghost.in', 'e-ghost'],
      ['loop-a.out', 'loop-b.in'],
      ['loop-b.out', 'loop-a.in'],
    ],
  });
});
afterAll(removeTempDirs);

/** The problem lines on stderr (`  OPR-0xx node "..." ...`). */
const problemLines = (result: CliResult): string[] => result.stderr.split('\n').filter((line) => /^\s+OPR-\d{3}/.test(line));

async function expectNothingRan(dataDir: string): Promise<void> {
  expect(await runIds(dataDir), 'no run folder').toEqual([]);
}

describe('an invalid workflow file', () => {
  it.each(['validate', 'run'])('`operon %s` exits 2 and names every problem with its code and node or edge', async (command) => {
    const dataDir = await makeDataDir();
    const result = await runCli(dataDir, [command, broken]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('invalid');
    const lines = problemLines(result);
    for (const { code, where } of EXPECTED) {
      const line = lines.find((candidate) => candidate.includes(code));
      expect(line, `${code} in:\n${result.stderr}`).toBeDefined();
      expect(line).toMatch(where);
    }
    expect(lines.find((line) => line.includes('OPR-011'))).toContain('nodes[2].config.ms');
    expect(result.stdout).toBe('');
    await expectNothingRan(dataDir);
  });

  it('--json prints {status: "invalid", problems} with codes and ids', async () => {
    const dataDir = await makeDataDir();
    for (const command of ['validate', 'run']) {
      const result = await runCli(dataDir, [command, broken, '--json']);
      expect(result.code).toBe(2);
      const json = parseJsonOut<{ status: string; problems: { code: string; nodeId?: string; edgeId?: string }[] }>(result);
      expect(json.status).toBe('invalid');
      expect(json.problems).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ code: 'OPR-010', nodeId: 'mystery' }),
          expect.objectContaining({ code: 'OPR-012', edgeId: 'e-ghost' }),
          expect.objectContaining({ code: 'OPR-011', nodeId: 'slow' }),
          expect.objectContaining({ code: 'OPR-016', nodeId: expect.stringMatching(/^loop-[ab]$/) }),
          expect.objectContaining({ code: 'OPR-014', nodeId: 'result' }),
        ]),
      );
    }
    await expectNothingRan(dataDir);
  });

  it('a valid example validates with exit 0', async () => {
    const result = await runCli(await makeDataDir(), ['validate', path.join(EXAMPLES, 'diamond.operon.json'), '--json']);
    expect(result.code).toBe(0);
    expect(parseJsonOut(result)).toMatchObject({ status: 'valid', nodes: 7, edges: 8 });
  });
});

describe('files and inputs that cannot run', () => {
  it('invalid JSON: exit 2 naming line and column', async () => {
    const file = path.join(dir, 'bad-json.operon.json');
    await writeFile(file, '{\n  "schemaVersion": 1,\n  "nodes": [,]\n}\n');
    const dataDir = await makeDataDir();
    for (const command of ['validate', 'run']) {
      const result = await runCli(dataDir, [command, file]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/OPR-001 .*line 3, column 13/);
    }
    await expectNothingRan(dataDir);
  });

  it('a missing file: exit 2 with OPR-005', async () => {
    const dataDir = await makeDataDir();
    for (const command of ['validate', 'run']) {
      const result = await runCli(dataDir, [command, path.join(dir, 'nope.operon.json')]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/OPR-005 .*nope\.operon\.json/);
    }
    await expectNothingRan(dataDir);
  });

  it('--input amount=abc for a number input: exit 2, nothing ran', async () => {
    const dataDir = await makeDataDir();
    const file = path.join(EXAMPLES, 'condition-fallback.operon.json');
    const result = await runCli(dataDir, ['run', file, '-i', 'amount=abc']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/OPR-030 .*amount=abc.*number/);
    const json = parseJsonOut<{ status: string; problems: { code: string }[] }>(
      await runCli(dataDir, ['run', file, '-i', 'amount=abc', '--json']),
    );
    expect(json).toMatchObject({ status: 'invalid', problems: [{ code: 'OPR-030' }] });
    await expectNothingRan(dataDir);
  });

  it('an input of the wrong type from --input-file: exit 2, nothing ran', async () => {
    const dataDir = await makeDataDir();
    const inputs = path.join(dir, 'inputs.json');
    await writeFile(inputs, '{"amount": "lots"}');
    const result = await runCli(dataDir, ['run', path.join(EXAMPLES, 'condition-fallback.operon.json'), '--input-file', inputs, '--json']);
    expect(result.code).toBe(2);
    expect(parseJsonOut<{ status: string; problems: { code: string }[] }>(result)).toMatchObject({
      status: 'invalid',
      problems: [{ code: 'OPR-030' }],
    });
    await expectNothingRan(dataDir);
  });
});
