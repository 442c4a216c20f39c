import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Workflow } from '../../../workflow/schema.ts';
import { validateRunInputs } from '../../../workflow/run-inputs.ts';
import { validateWorkflow } from '../../../workflow/validate.ts';
import { createMemoryHarness, registry } from './memory-test-harness.ts';

// resources/examples/memory-notes.operon.json through the engine, with the in-memory store in place of LanceDB.

const EXAMPLE = new URL('../../../../resources/examples/memory-notes.operon.json', import.meta.url);

async function loadExample(): Promise<Workflow> {
  const result = validateWorkflow(JSON.parse(await readFile(EXAMPLE, 'utf8')), registry);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.workflow;
}

describe('the memory-notes example', () => {
  it('stores notes with the run input as metadata, then recalls them with their scores and sources', async () => {
    const workflow = await loadExample();
    const h = createMemoryHarness();
    const run = async (raw: Record<string, unknown>) => {
      const inputs = validateRunInputs(workflow, raw);
      if (!inputs.ok) throw new Error(JSON.stringify(inputs.problems));
      return h.run(workflow, inputs.inputs);
    };

    const stored = await run({ mode: 'store', text: 'The office wifi password is on the fridge' });
    expect(stored.status).toBe('succeeded');
    expect(stored.outputs).toEqual({
      stored: expect.objectContaining({
        collection: 'notes',
        text: 'The office wifi password is on the fridge',
        metadata: { mode: 'store', text: 'The office wifi password is on the fridge' },
        source: { workflowId: 'memory-notes', runId: stored.runId, nodeId: 'remember' },
      }),
    });
    await run({ mode: 'store', text: 'Standup moved to 10am' });

    const recalled = await run({ mode: 'recall', text: 'where is the wifi password?' });
    expect(recalled.status).toBe('succeeded');
    const hits = recalled.outputs.hits as { text: string; score: number; source: { runId: string } }[];
    expect(hits.map((hit) => hit.text)).toEqual(['The office wifi password is on the fridge']);
    expect(hits[0]?.source.runId).toBe(stored.runId);
    expect(h.store.records()).toHaveLength(2); // recalling wrote nothing
  });

  it('refuses a run with no text before anything runs, naming the input; mode takes its default', async () => {
    const workflow = await loadExample();
    const refused = { ok: false, problems: [{ code: 'OPR-030', path: 'inputs.text', message: 'the input "text" is required' }] };
    expect(validateRunInputs(workflow, {})).toEqual(refused);
    expect(validateRunInputs(workflow, { mode: 'store' })).toEqual(refused);
    expect(validateRunInputs(workflow, { text: 'wifi' })).toEqual({ ok: true, inputs: { mode: 'recall', text: 'wifi' } });
  });
});
