import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WORKFLOW_FILE_SUFFIX } from '../services/workflow-store.ts';
import { runToEnd, saveChain, twoTenants, type TwoTenants } from './testing/two-tenants.ts';

// Issue 14, isolation: the roads into globex's files an acme workflow could take. The File read and write nodes and
// the Sub-workflow node are given paths that leave acme (`..`, absolute, backslashes, NUL, URL-encoded dots, symlinks
// inside acme's folders pointing into globex's), and each run fails with a clear error naming the path.

const GLOBEX_TEXT = 'globex-ledger-only';

async function globexData(tenants: TwoTenants): Promise<{ acme: string; globex: string }> {
  const root = (workspace: string): string => path.join(tenants.served.dataDir, 'workspaces', workspace);
  const globex = root('globex');
  const acme = root('acme');
  // Both workspaces exist through the API first (their folders made as the server makes them).
  await saveChain(tenants.served, 'globex', 'payroll', { type: 'core.transform', config: { expression: `'${GLOBEX_TEXT}'` } });
  await saveChain(tenants.served, 'acme', 'seed', { type: 'core.transform', config: { expression: '1' } });
  await mkdir(path.join(globex, 'files'), { recursive: true });
  await writeFile(path.join(globex, 'files', 'ledger.txt'), GLOBEX_TEXT);
  await mkdir(path.join(acme, 'files'), { recursive: true });
  await symlink(path.join(globex, 'files'), path.join(acme, 'files', 'shared'));
  await symlink(path.join(globex, 'files', 'ledger.txt'), path.join(acme, 'files', 'ledger-link.txt'));
  await symlink(
    path.join(globex, 'workflows', `payroll${WORKFLOW_FILE_SUFFIX}`),
    path.join(acme, 'workflows', `borrowed${WORKFLOW_FILE_SUFFIX}`),
  );
  return { acme, globex };
}

describe('file paths that leave acme', () => {
  it('Read file refuses every path into globex with OPR-109 naming it', async () => {
    const tenants = await twoTenants();
    const { globex } = await globexData(tenants);
    const paths = [
      '../../globex/files/ledger.txt',
      '../globex/files/ledger.txt',
      '..\\..\\globex\\files\\ledger.txt',
      'notes/../../../globex/files/ledger.txt',
      path.join(globex, 'files', 'ledger.txt'),
      'C:\\operon\\workspaces\\globex\\files\\ledger.txt',
      'ledger.txt\u0000../../globex/files/ledger.txt',
      'shared/ledger.txt',
      'ledger-link.txt',
    ];
    const outcomes: string[] = [];
    for (const [index, given] of paths.entries()) {
      await saveChain(tenants.served, 'acme', `read-${index}`, { type: 'core.read-file', config: { path: given, format: 'text' } });
      const run = await runToEnd(tenants.ada, 'acme', `read-${index}`);
      outcomes.push(`${run.status} ${run.error?.code} ${run.error?.message.includes(JSON.stringify(given)) === true}`);
    }
    expect(outcomes).toEqual(paths.map(() => 'failed OPR-109 true'));
    expect(JSON.stringify(tenants.ada.rawMessages)).not.toContain(GLOBEX_TEXT);
  });

  it('URL-encoded dots are a file name inside acme, never a way out', async () => {
    const tenants = await twoTenants();
    await globexData(tenants);
    await saveChain(tenants.served, 'acme', 'encoded', {
      type: 'core.read-file',
      config: { path: '%2e%2e/%2e%2e/globex/files/ledger.txt', format: 'text' },
    });
    const run = await runToEnd(tenants.ada, 'acme', 'encoded');
    expect(run).toMatchObject({ status: 'failed', error: { code: 'OPR-110', message: expect.stringContaining('no such file') } });
  });

  it('Write file cannot write into globex, through `..` or a symlink, and globex keeps its file', async () => {
    const tenants = await twoTenants();
    const { globex } = await globexData(tenants);
    const paths = ['../../globex/files/ledger.txt', 'shared/ledger.txt', 'ledger-link.txt', 'shared/new.txt'];
    for (const [index, given] of paths.entries()) {
      await saveChain(tenants.served, 'acme', `write-${index}`, {
        type: 'core.write-file',
        config: { path: given, format: 'text', mode: 'overwrite' },
      });
      const run = await runToEnd(tenants.ada, 'acme', `write-${index}`, { overwritten: true });
      expect(run, given).toMatchObject({ status: 'failed', error: { code: 'OPR-109' } });
    }
    expect(await readFile(path.join(globex, 'files', 'ledger.txt'), 'utf8')).toBe(GLOBEX_TEXT);
    await expect(readFile(path.join(globex, 'files', 'new.txt'), 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe("sub-workflows that name globex's", () => {
  it('refuses a reference out of acme, absolute, or through a symlink, with a clear error; globex never runs', async () => {
    const tenants = await twoTenants();
    const { globex } = await globexData(tenants);
    const refs = [
      `../../globex/workflows/payroll${WORKFLOW_FILE_SUFFIX}`,
      `..\\..\\globex\\workflows\\payroll${WORKFLOW_FILE_SUFFIX}`,
      path.join(globex, 'workflows', `payroll${WORKFLOW_FILE_SUFFIX}`),
      `borrowed${WORKFLOW_FILE_SUFFIX}`,
      `payroll${WORKFLOW_FILE_SUFFIX}\u0000`,
      'payroll',
    ];
    const outcomes: string[] = [];
    for (const [index, ref] of refs.entries()) {
      await saveChain(tenants.served, 'acme', `parent-${index}`, { type: 'core.sub-workflow', config: { workflow: ref } });
      const run = await runToEnd(tenants.ada, 'acme', `parent-${index}`);
      outcomes.push(`${run.status} ${run.error?.code} ${run.error?.message.includes(JSON.stringify(ref)) === true}`);
      // The message never shows where the server keeps its data (beyond the reference itself).
      expect((run.error?.message ?? '').replace(ref, ''), ref).not.toContain(tenants.served.dataDir);
    }
    expect(outcomes).toEqual([
      'failed OPR-109 true',
      'failed OPR-109 true',
      'failed OPR-111 true',
      'failed OPR-109 true',
      'failed OPR-109 true',
      'failed OPR-111 true',
    ]);
    expect(JSON.stringify(tenants.ada.rawMessages)).not.toContain(GLOBEX_TEXT);
    expect((await tenants.served.client.call('runs.list', { workspace: 'globex' })).runs).toEqual([]);
  });
});
