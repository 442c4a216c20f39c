import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Workflow } from '../../../workflow/schema.ts';
import { validateWorkflow } from '../../../workflow/validate.ts';
import { validateRunInputs } from '../../../workflow/run-inputs.ts';
import { createHarness, registry, reply } from './llm-test-harness.ts';

// resources/examples/ticket-triage.operon.json through the engine, with a scripted model instead of OpenAI.

const EXAMPLE = new URL('../../../../resources/examples/ticket-triage.operon.json', import.meta.url);
const TRIAGE = { route: 'billing', priority: 'high', summary: 'Charged twice for the Team plan in March.', reply: 'Sorry about that!' };

async function loadExample(): Promise<Workflow> {
  const result = validateWorkflow(JSON.parse(await readFile(EXAMPLE, 'utf8')), registry);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.workflow;
}

describe('the ticket-triage example', () => {
  it('classifies with structured output, waits for approval, then appends the decision', async () => {
    const workflow = await loadExample();
    const inputs = validateRunInputs(workflow, {});
    if (!inputs.ok) throw new Error(JSON.stringify(inputs.problems));
    const h = createHarness([reply(JSON.stringify(TRIAGE))]);

    const waiting = await h.run(workflow, inputs.inputs);
    expect(waiting.status).toBe('waiting');
    expect(h.requests[0]?.messages.at(-1)?.content).toMatch(
      /^Customer: Dana Whitfield, Northwind Traders\n\nTicket:\nHi, I was charged twice/,
    );
    expect(waiting.pending).toEqual([
      {
        nodeId: 'approve',
        request: {
          title: 'Approve routing',
          message: 'Route to billing (high): Charged twice for the Team plan in March.',
          data: { ticket: inputs.inputs.ticket, ...TRIAGE },
        },
      },
    ]);

    const resumed = await h.run(workflow, inputs.inputs, {
      runId: waiting.runId,
      resume: { events: [...h.events], decisions: [{ nodeId: 'approve', decision: { decision: 'approved', by: 'ana', at: 0 } }] },
    });
    expect(resumed.error).toBeUndefined();
    expect(resumed.status).toBe('succeeded');
    expect(h.requests).toHaveLength(1); // the model is not asked again on resume
    const lines = (h.services.fileStore.get('triage-decisions.jsonl') ?? '').trim().split('\n');
    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual([{ ticket: inputs.inputs.ticket, ...TRIAGE }]);
    expect(resumed.outputs.decision).toMatchObject({ path: 'triage-decisions.jsonl' });
  });

  it('emits the rejection on the rejected output', async () => {
    const workflow = await loadExample();
    const h = createHarness([reply(JSON.stringify(TRIAGE))]);
    const inputs = { ticket: 'The app crashes on login', customer: 'bo' };
    const waiting = await h.run(workflow, inputs);
    const resumed = await h.run(workflow, inputs, {
      runId: waiting.runId,
      resume: {
        events: [...h.events],
        decisions: [{ nodeId: 'approve', decision: { decision: 'rejected', by: 'ana', comment: 'technical', at: 0 } }],
      },
    });
    expect(resumed.outputs).toEqual({
      rejected: { value: { ticket: 'The app crashes on login', ...TRIAGE }, comment: 'technical', by: 'ana' },
    });
    expect(h.services.fileStore.has('triage-decisions.jsonl')).toBe(false);
  });
});
