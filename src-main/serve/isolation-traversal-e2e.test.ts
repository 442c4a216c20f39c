import { describe, expect, it } from 'vitest';
import type { CallName } from '../../src-shared/api/contract.ts';
import { runToEnd, saveChain, twoTenants } from './testing/two-tenants.ts';

// Issue 14, isolation: ids that try to walk out of acme into globex, in every field of the API that names a file or a
// folder on the server (workspace, workflow, run and node ids, value refs), over the real WebSocket API. Each is
// refused before any file is touched, with a clear error; none answers with globex's data.

const WALKS = ['../globex', '..', '..\\globex', '%2e%2e/globex', 'acme/../globex', 'acme\u0000', '/globex', 'C:\\globex', '.'];

describe('ids that walk out of acme', () => {
  it('refuses every walking workspace id, for a member of acme', async () => {
    const { served, ada } = await twoTenants();
    await saveChain(served, 'globex', 'payroll', { type: 'core.transform', config: { expression: "'globex-payroll'" } });
    const answers = new Set<string>();
    for (const workspace of WALKS) {
      for (const call of ['workflows.list', 'runs.list', 'workflows.open'] as const) {
        const error = await ada.client.call(call, { workspace, id: 'payroll' }).then(
          () => undefined,
          (failed: unknown) => failed as { code?: string; message: string },
        );
        answers.add(`${error?.code ?? 'ok'} ${error?.message.includes('workspace') === true}`);
      }
    }
    // Refused by the contract's check of the workspace id (OPR-160, a malformed request naming the field), or as no member.
    expect([...answers].filter((answer) => !/^(OPR-160|OPR-256) true$/.test(answer))).toEqual([]);
  });

  it('refuses walking workflow, run and node ids and value refs in acme, and never answers with globex data', async () => {
    const { served, ada } = await twoTenants();
    await saveChain(served, 'globex', 'payroll', { type: 'core.transform', config: { expression: "'globex-payroll'" } });
    const globex = await runToEnd(served, 'globex', 'payroll');
    await saveChain(served, 'acme', 'mine', { type: 'core.transform', config: { expression: '1' } });
    const mine = await runToEnd(ada, 'acme', 'mine');
    const up = `../../globex/runs/${globex.runId}`;
    const calls: [CallName, Record<string, unknown>][] = [];
    for (const walk of [...WALKS.map((w) => `${w}/workflows/payroll`), '../../globex/workflows/payroll', '..%2F..%2Fglobex%2Fpayroll']) {
      calls.push(['workflows.open', { id: walk }], ['runs.start', { workflowId: walk }], ['pins.list', { workflowId: walk }]);
      calls.push(['workflows.save', { workflow: { schemaVersion: 1, id: walk, name: 'x', nodes: [], edges: [] } }]);
    }
    for (const walk of [up, `..\\..\\globex\\runs\\${globex.runId}`, `${globex.runId}/../${globex.runId}`, `/${globex.runId}`]) {
      calls.push(['runs.get', { runId: walk }], ['runs.events', { runId: walk }], ['runs.compare', { a: mine.runId, b: walk }]);
    }
    for (const nodeId of [`../../${globex.runId}/nodes/step`, '../events', '..\\events', 'step\u0000', `${up}/nodes/step`]) {
      calls.push(['runs.trace', { runId: mine.runId, nodeId }]);
      calls.push(['pins.set', { workflowId: 'mine', nodeId, outputs: { out: 1 } }]);
    }
    for (const ref of [`../../${globex.runId}/values/${'a'.repeat(64)}.json`, `${up}/run.json`, 'values/../../run.json', '/etc/passwd']) {
      calls.push(['runs.value', { runId: mine.runId, ref }]);
    }
    const passed: string[] = [];
    for (const [call, input] of calls) {
      const outcome = await ada.client.call(call, { workspace: 'acme', ...input }).then(
        (output) => ({ ok: true, text: JSON.stringify(output) }),
        (error: unknown) => ({ ok: false, text: `${(error as { code?: string }).code} ${(error as Error).message}` }),
      );
      if (outcome.ok || outcome.text.includes('globex-payroll')) passed.push(`${call} ${JSON.stringify(input)}: ${outcome.text}`);
    }
    expect(passed).toEqual([]);
    expect(ada.rawMessages.filter((message) => message.includes('globex-payroll'))).toEqual([]);
    // Acme's own pins: none was written under a walking node id.
    expect((await ada.client.call('pins.list', { workspace: 'acme', workflowId: 'mine' })).pins).toEqual({});
  });
});
