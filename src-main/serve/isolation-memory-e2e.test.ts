import { describe, expect, it } from 'vitest';
import { runToEnd, saveChain, twoTenants, type TwoTenants } from './testing/two-tenants.ts';

// Issue 14, isolation: memory. Globex writes records to its LanceDB (workspaces/globex/memory/); acme's runs search
// and filter their own, with filters that try SQL injection (quotes, OR), and never get a globex record back.

const GLOBEX_TEXT = 'globex quarterly payroll for the board';

async function resultOf(tenants: TwoTenants, workspace: string, workflowId: string): Promise<unknown> {
  const run = await runToEnd(workspace === 'acme' ? tenants.ada : tenants.served, workspace, workflowId);
  expect(run, JSON.stringify(run.error)).toMatchObject({ status: 'succeeded' });
  const { run: doc } = await tenants.served.client.call('runs.get', { workspace, runId: run.runId });
  return doc.outputs?.result;
}

describe('memory across workspaces', () => {
  it("acme's searches, however their filters are written, find only acme's records", async () => {
    const tenants = await twoTenants();
    const write = (text: string, tag: string) => ({
      type: 'core.memory-write',
      config: { collection: 'notes', text, tags: [tag], metadata: "{ 'client': 'shared' }" },
    });
    await saveChain(tenants.served, 'globex', 'remember', write(GLOBEX_TEXT, 'payroll'));
    await saveChain(tenants.served, 'acme', 'remember', write('acme quarterly payroll for the board', 'payroll'));
    await resultOf(tenants, 'globex', 'remember');
    await resultOf(tenants, 'acme', 'remember');

    const searches: Record<string, Record<string, unknown>> = {
      plain: { query: 'quarterly payroll', collection: 'notes' },
      everyCollection: { query: 'quarterly payroll', collection: '' },
      tagOr: { query: 'payroll', tags: ["payroll' OR '1'='1"] },
      tagComment: { query: 'payroll', tags: ["x') OR true --"] },
      metadataOr: { query: 'payroll', metadata: { client: "shared' OR 1=1 OR 'a'='a" } },
      metadataQuote: { query: 'payroll', metadata: { "client` = 'shared' OR `client": 'x' } },
    };
    const seen: string[] = [];
    for (const [name, config] of Object.entries(searches)) {
      await saveChain(tenants.served, 'acme', `search-${name}`, { type: 'core.memory-search', config });
      const run = await runToEnd(tenants.ada, 'acme', `search-${name}`);
      const { run: doc } = await tenants.ada.client.call('runs.get', { workspace: 'acme', runId: run.runId });
      seen.push(`${name}: ${run.status} ${run.error?.code ?? ''} ${JSON.stringify(doc.outputs ?? {})}`);
    }
    expect(seen.filter((line) => line.includes('globex'))).toEqual([]);
    // The plain searches did find acme's own record: the scan was not of nothing.
    expect(seen[0]).toContain('acme quarterly payroll');
    expect(seen[1]).toContain('acme quarterly payroll');
    // Globex still finds its own.
    await saveChain(tenants.served, 'globex', 'search', { type: 'core.memory-search', config: { query: 'payroll', collection: 'notes' } });
    expect(JSON.stringify(await resultOf(tenants, 'globex', 'search'))).toContain(GLOBEX_TEXT);
    expect(tenants.ada.rawMessages.filter((message) => message.includes(GLOBEX_TEXT))).toEqual([]);
  });
});
