import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { serveForTest } from './testing/test-server.ts';

const EXAMPLES = path.join(import.meta.dirname, '../../resources/examples');

describe('operon serve: the examples gallery', () => {
  it('lists every shipped example with its name, description and whether it needs a model', async () => {
    const { client } = await serveForTest();
    const { examples } = await client.call('examples.list', {});
    const files = (await readdir(EXAMPLES)).filter((name) => name.endsWith('.operon.json'));
    expect(examples.map((e) => `${e.id}.operon.json`).sort()).toEqual(files.sort());
    expect(examples.find((e) => e.id === 'diamond')).toMatchObject({ name: 'Diamond: parallel statistics', needsModel: false });
    expect(examples.find((e) => e.id === 'ticket-triage')).toMatchObject({ needsModel: true });
    for (const example of examples) expect(example.description).not.toBe('');
  });

  it('copies an example with the sub-workflow it calls, and the copy runs in the workspace', async () => {
    const served = await serveForTest();
    const { client, dataDir } = served;
    const copy = await client.call('examples.copy', { id: 'router-subflow' });
    expect(copy.problems).toEqual([]);
    const workflows = path.join(dataDir, 'workspaces/default/workflows');
    expect(await readFile(path.join(workflows, 'lib/billing-reply.operon.json'), 'utf8')).toBe(
      await readFile(path.join(EXAMPLES, 'lib/billing-reply.operon.json'), 'utf8'),
    );

    const again = await client.call('examples.copy', { id: 'router-subflow' });
    expect(again.summary.id).toBe(`${copy.summary.id}-2`);
    expect((await client.call('workflows.list', {})).workflows.map((w) => w.id)).toEqual([copy.summary.id, again.summary.id]);

    // The billing route runs the copied sub-workflow, found beside the copy at lib/billing-reply.operon.json.
    const { runId } = await client.call('runs.start', { workflowId: again.summary.id, inputs: { kind: 'billing' } });
    await served.waitForStatus(runId, 'succeeded');
    const run = await client.call('runs.get', { runId });
    expect(JSON.stringify(run)).toContain('"reply":{"reply":"Billing will correct: Invoice 42 is wrong","queue":"billing"}');
  });

  it('refuses an example that is not on the shelf', async () => {
    const { client } = await serveForTest();
    await expect(client.call('examples.copy', { id: 'no-such-example' })).rejects.toThrow(/no example "no-such-example"/);
  });
});
