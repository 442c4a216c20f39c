import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { countFiles, filesHolding } from '../services/testing/secret-scan.ts';
import {
  makeDataDir,
  makeTempDir,
  removeTempDirs,
  runCli,
  startLoopbackServer,
  writeWorkflow,
  type LoopbackServer,
} from './testing/run-cli.ts';

// `operon secrets`: values stored encrypted in the workspace, read by runs through $secret(), never printed back and
// never on disk in clear; OPERON_SECRET_KEY is the key, not a secret a workflow can read.

const TOKEN = 'stored-token-61c0ffee42';
const KEY = 'ef'.repeat(32);

let servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});
afterAll(removeTempDirs);

async function callingWorkflow(header: string): Promise<string> {
  return writeWorkflow(await makeTempDir(), 'call', {
    nodes: [
      { id: 'start', type: 'core.manual-trigger' },
      { id: 'call', type: 'core.http-request', config: { url: '{{ $run.baseUrl }}/x', headers: { Authorization: header } } },
      { id: 'result', type: 'core.output', config: { name: 'status' } },
    ],
    edges: [
      ['start.out', 'call.in'],
      ['call.out', 'result.in'],
    ],
  });
}

describe('operon secrets', () => {
  it('set from standard input, list without values, used by a run, kept off the disk, deleted', async () => {
    const dataDir = await makeDataDir();
    const api = await startLoopbackServer(() => ({ status: 200, body: { ok: true } }));
    servers.push(api);
    const set = await runCli(dataDir, ['--workspace', 'acme', 'secrets', 'set', 'api_token'], { stdin: `${TOKEN}\n` });
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toBe('stored secret API_TOKEN in workspace acme\n');
    const list = await runCli(dataDir, ['--workspace', 'acme', 'secrets', 'list']);
    expect(list.stdout).toMatch(/^API_TOKEN {2}stored .+, changed .+\n$/);
    expect(list.stdout + list.stderr).not.toContain(TOKEN);

    const workflow = await callingWorkflow("Bearer {{ $secret('api_token') }}");
    const run = await runCli(dataDir, ['--workspace', 'acme', 'run', workflow, '-i', `baseUrl=${api.url}`]);
    expect(run.code, run.stderr).toBe(0);
    expect(api.requests.map((request) => request.headers.authorization)).toEqual([`Bearer ${TOKEN}`]);
    expect(run.stdout + run.stderr).not.toContain(TOKEN);
    expect(await countFiles(dataDir)).toBeGreaterThan(3);
    expect(await filesHolding(dataDir, TOKEN)).toEqual([]);

    // Another workspace has no such secret: the run fails before sending anything.
    const elsewhere = await runCli(dataDir, ['--workspace', 'globex', 'run', workflow, '-i', `baseUrl=${api.url}`]);
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.stdout + elsewhere.stderr).toMatch(/OPR-156[\s\S]*operon secrets set API_TOKEN/);
    expect(api.requests).toHaveLength(1);

    const removed = await runCli(dataDir, ['--workspace', 'acme', 'secrets', 'delete', 'API_TOKEN']);
    expect(removed.stdout).toBe('deleted secret API_TOKEN from workspace acme\n');
    const again = await runCli(dataDir, ['--workspace', 'acme', 'secrets', 'delete', 'API_TOKEN']);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/OPR-252 .*no secret API_TOKEN stored in workspace acme/);
  });

  it('a workflow cannot read OPERON_SECRET_KEY as a secret, and a refused name exits 2 before asking for a value', async () => {
    const dataDir = await makeDataDir();
    const api = await startLoopbackServer(() => ({ status: 200, body: { ok: true } }));
    servers.push(api);
    const workflow = await callingWorkflow("Bearer {{ $secret('KEY') }}");
    const run = await runCli(dataDir, ['run', workflow, '-i', `baseUrl=${api.url}`], { env: { OPERON_SECRET_KEY: KEY } });
    expect(run.code).toBe(1);
    expect(run.stdout + run.stderr).toContain('OPR-156');
    expect(api.requests).toEqual([]);
    const refused = await runCli(dataDir, ['secrets', 'set', 'KEY'], { stdin: 'x' });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/OPR-252 KEY is not a secret name/);
  });

  it('rotate-key seals the stored secrets again and runs still read them', async () => {
    const dataDir = await makeDataDir();
    const api = await startLoopbackServer(() => ({ status: 200, body: { ok: true } }));
    servers.push(api);
    await runCli(dataDir, ['secrets', 'set', 'API_TOKEN'], { stdin: TOKEN });
    const rotated = await runCli(dataDir, ['secrets', 'rotate-key']);
    expect(rotated.stdout).toBe('sealed 1 secret in 1 workspace with a new key; the old key is gone from the key file\n');
    const run = await runCli(dataDir, ['run', await callingWorkflow("Bearer {{ $secret('API_TOKEN') }}"), '-i', `baseUrl=${api.url}`]);
    expect(run.code, run.stderr).toBe(0);
    expect(api.requests.map((request) => request.headers.authorization)).toEqual([`Bearer ${TOKEN}`]);
  });
});
