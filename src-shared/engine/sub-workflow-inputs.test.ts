import { readFile } from 'node:fs/promises';
import { beforeEach, describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from '../nodes/builtin.ts';
import { validateWorkflow } from '../workflow/validate.ts';
import { createEngine } from './engine.ts';
import type { EngineEvent } from './events.ts';
import { buildWorkflow } from './testing/build-workflow.ts';
import { createMemoryServices, type MemoryServices } from './testing/memory-services.ts';

// A sub-workflow gets the same inputs from a Map (workflow mode) as from a Sub-workflow node: the value itself. Its
// inputs are checked against its inputs schema before it runs, so a missing field fails the node naming the field
// rather than running with an empty value. resources/examples/lib/billing-reply.operon.json declares `subject`.

const registry = createBuiltinRegistry();
const BILLING = new URL('../../resources/examples/lib/billing-reply.operon.json', import.meta.url);
const REF = 'lib/billing-reply.operon.json';

let services: MemoryServices;
let events: EngineEvent[];

beforeEach(async () => {
  services = createMemoryServices();
  events = [];
  const loaded = validateWorkflow(JSON.parse(await readFile(BILLING, 'utf8')), registry);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  services.workflowStore.set(REF, loaded.workflow);
});

function run(nodes: Parameters<typeof buildWorkflow>[1], edges: string[], inputs: Record<string, unknown>) {
  const workflow = buildWorkflow(
    registry,
    nodes,
    edges,
    {},
    {
      inputs: { type: 'object', properties: { tickets: { type: 'array' }, ticket: { type: 'object' } } },
    },
  );
  return createEngine({ registry, services }).run({ workflow, inputs, trigger: { type: 'test' }, onEvent: (e) => events.push(e) }).result;
}

const mapOverTickets = (config: Record<string, unknown> = {}) =>
  [
    [
      { id: 'start', type: 'core.manual-trigger' },
      { id: 'tickets', type: 'core.transform', config: { expression: 'tickets' } },
      { id: 'each', type: 'core.map', typeVersion: 2, config: { mode: 'workflow', workflow: REF, ...config } },
      { id: 'result', type: 'core.output', config: { name: 'replies' } },
    ],
    ['start.out -> tickets.in', 'tickets.out -> each.items', 'each.out -> result.in'],
  ] as const;

describe('sub-workflow inputs', () => {
  it('a Map in workflow mode passes each item itself, as the Sub-workflow node passes its input', async () => {
    const [nodes, edges] = mapOverTickets();
    const result = await run([...nodes], [...edges], { tickets: [{ subject: 'Invoice 42 is wrong' }, { subject: 'Refund' }] });
    expect(result.status, JSON.stringify(result.error)).toBe('succeeded');
    expect(result.outputs.replies).toEqual([
      { reply: { reply: 'Billing will correct: Invoice 42 is wrong', queue: 'billing' } },
      { reply: { reply: 'Billing will correct: Refund', queue: 'billing' } },
    ]);

    const single = await run(
      [
        { id: 'start', type: 'core.manual-trigger' },
        { id: 'ticket', type: 'core.transform', config: { expression: 'ticket' } },
        { id: 'sub', type: 'core.sub-workflow', config: { workflow: REF } },
        { id: 'result', type: 'core.output', config: { name: 'reply' } },
      ],
      ['start.out -> ticket.in', 'ticket.out -> sub.in', 'sub.out -> result.in'],
      { ticket: { subject: 'Refund' } },
    );
    expect(single.outputs.reply).toEqual({ reply: { reply: 'Billing will correct: Refund', queue: 'billing' } });
  });

  it('shapes the child inputs with the inputs expression, over the item with $index', async () => {
    const [nodes, edges] = mapOverTickets({ inputs: '{ "subject": title & " (#" & $string($index) & ")" }' });
    const result = await run([...nodes], [...edges], { tickets: [{ title: 'Late invoice' }] });
    expect(result.outputs.replies).toEqual([{ reply: { reply: 'Billing will correct: Late invoice (#0)', queue: 'billing' } }]);
  });

  it('fails the node naming the missing field instead of running the child with an empty subject', async () => {
    const [nodes, edges] = mapOverTickets();
    const mapped = await run([...nodes], [...edges], { tickets: [{ title: 'no subject' }] });
    expect(mapped.status).toBe('failed');
    expect(mapped.error).toMatchObject({ code: 'OPR-113', nodeId: 'each' });
    expect(mapped.error?.message).toBe(`item 0 failed: sub-workflow "${REF}" needs other inputs: the input "subject" is required`);

    const single = await run(
      [
        { id: 'start', type: 'core.manual-trigger' },
        { id: 'ticket', type: 'core.transform', config: { expression: 'ticket' } },
        { id: 'sub', type: 'core.sub-workflow', config: { workflow: REF } },
      ],
      ['start.out -> ticket.in', 'ticket.out -> sub.in'],
      { ticket: { title: 'no subject' } },
    );
    expect(single.error).toMatchObject({
      code: 'OPR-206',
      nodeId: 'sub',
      message: `sub-workflow "${REF}" needs other inputs: the input "subject" is required`,
    });
    expect(events.some((event) => event.type === 'run.started' && event.parent !== undefined)).toBe(false); // no child ran
  });

  it('a Map saved before (typeVersion 1) keeps passing { item, index }: its migration writes that as the inputs expression', () => {
    const saved = (config: Record<string, unknown>) =>
      buildWorkflow(
        registry,
        [
          { id: 'list', type: 'core.transform', config: { expression: '[1]' } },
          { id: 'each', type: 'core.map', config },
        ],
        ['list.out -> each.items'],
      ).nodes[1];
    expect(saved({ mode: 'workflow', workflow: REF })).toMatchObject({
      typeVersion: 2,
      config: { inputs: '{ "item": $, "index": $index }' },
    });
    expect(saved({ mode: 'node' })).toMatchObject({ typeVersion: 2, config: { inputs: '' } });
  });
});
