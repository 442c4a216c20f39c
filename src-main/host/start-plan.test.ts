import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src-shared/engine/events.ts';
import { WorkflowSchema } from '../../src-shared/workflow/schema.ts';
import { createInProcessSandbox } from '../../src-shared/expressions/in-process-sandbox.ts';
import type { Sandbox } from '../../src-shared/services/sandbox.ts';
import { planStart, type StartPlanOptions } from './start-plan.ts';

const workflow = (id = 'w') =>
  WorkflowSchema.parse({
    schemaVersion: 1,
    id,
    name: id,
    inputs: { type: 'object', properties: { n: { type: 'number', default: 1 } } },
    nodes: [
      { id: 'start', type: 'core.manual-trigger', typeVersion: 1, position: { x: 0, y: 0 }, config: {} },
      { id: 'next', type: 'core.transform', typeVersion: 1, position: { x: 0, y: 0 }, config: { expression: 'n' } },
    ],
    edges: [{ id: 'e1', source: 'start', sourcePort: 'out', target: 'next', targetPort: 'in' }],
  });

const ev = { seq: 0, ts: 0, runId: 'r0' };
const past = (inputs: Record<string, unknown>, id = 'w') => ({
  runId: 'r0',
  workflow: workflow(id),
  events: [
    { ...ev, type: 'run.started', workflowId: id, workflowHash: 'h', trigger: { type: 'test' }, inputs },
    { ...ev, seq: 1, type: 'node.finished', nodeId: 'start', status: 'succeeded', outputs: { out: inputs }, durationMs: 1, attempts: 1 },
  ] satisfies EngineEvent[],
});

const plan = (options: Omit<StartPlanOptions, 'sandbox'>) => planStart({ ...options, sandbox: createInProcessSandbox() });

describe('planStart', () => {
  it('runs a whole workflow with its checked inputs (defaults filled) and no plan', async () => {
    expect(await plan({ workflow: workflow(), inputs: undefined })).toEqual({ inputs: { n: 1 } });
    await expect(plan({ workflow: workflow(), inputs: { n: 'x' } })).rejects.toThrow(expect.objectContaining({ code: 'OPR-030' }));
  });

  it('takes a past run’s inputs when none are given; with other inputs nothing from the past run is reused', async () => {
    const from = { nodeId: 'next', past: past({ n: 5 }) };
    expect(await plan({ workflow: workflow(), inputs: undefined, from })).toMatchObject({
      inputs: { n: 5 },
      plan: { reused: ['start'], rerun: [] },
    });
    expect((await plan({ workflow: workflow(), inputs: { n: 5 }, from })).plan?.reused).toEqual(['start']);
    expect(await plan({ workflow: workflow(), inputs: { n: 6 }, from })).toMatchObject({
      inputs: { n: 6 },
      plan: { reused: [], rerun: [{ nodeId: 'start', reason: "the run inputs differ from run r0's" }] },
    });
  });

  it('plans pins and runs to a node; ignores an empty set of pins', async () => {
    expect((await plan({ workflow: workflow(), inputs: {}, pins: {} })).plan).toBeUndefined();
    const pinned = await plan({ workflow: workflow(), inputs: {}, pins: { start: { outputs: { out: { n: 9 } } } } });
    expect(pinned.plan?.request.reuse?.get('start')).toEqual({ outputs: { out: { n: 9 } }, from: { kind: 'pin' } });
    expect((await plan({ workflow: workflow(), inputs: {}, to: 'start' })).plan?.request.only?.nodes).toEqual(new Set(['start']));
  });

  it('refuses a past run of another workflow (OPR-159)', async () => {
    await expect(plan({ workflow: workflow(), inputs: undefined, from: { nodeId: 'next', past: past({}, 'other') } })).rejects.toThrow(
      expect.objectContaining({ code: 'OPR-159', message: 'run r0 ran workflow "other", not "w"' }),
    );
  });

  it('checks inputs against a schema with a pattern in the sandbox, and other schemas in process', async () => {
    const checked: unknown[] = [];
    const sandbox: Sandbox = {
      evaluate: () => Promise.reject(new Error('not used')),
      checkInputs: (schema) => {
        checked.push(schema);
        return Promise.resolve({ ok: false, problems: [{ path: '/name', message: 'does not match' }] });
      },
      checkSchema: () => Promise.reject(new Error('not used')),
    };
    expect(await planStart({ workflow: workflow(), inputs: {}, sandbox })).toEqual({ inputs: { n: 1 } });
    expect(checked).toEqual([]);
    const patterned = { ...workflow(), inputs: { type: 'object', properties: { name: { type: 'string', pattern: '^(a+)+$' } } } };
    await expect(planStart({ workflow: patterned, inputs: { name: 'a!' }, sandbox })).rejects.toThrow(
      expect.objectContaining({ code: 'OPR-030', problems: [{ code: 'OPR-030', path: '/name', message: 'does not match' }] }),
    );
    expect(checked).toEqual([patterned.inputs]);
  });

  it('warns of an input the schema does not declare (OPR-205), naming it and the declared ones, and passes it on', async () => {
    const started = await plan({ workflow: workflow(), inputs: { n: 2, nosuch: '1' } });
    expect(started.inputs).toEqual({ n: 2, nosuch: '1' });
    expect(started.warnings).toEqual([
      { code: 'OPR-205', path: 'inputs.nosuch', message: 'unknown input "nosuch": workflow "w" declares n' },
    ]);
    const undeclared = { ...workflow(), inputs: undefined };
    expect((await plan({ workflow: undeclared, inputs: { x: 1 } })).warnings).toEqual([
      { code: 'OPR-205', path: 'inputs.x', message: 'unknown input "x": workflow "w" declares no inputs' },
    ]);
  });

  it('refuses an undeclared input when the schema forbids other properties (additionalProperties: false)', async () => {
    const closed = { ...workflow(), inputs: { ...workflow().inputs, additionalProperties: false } };
    await expect(plan({ workflow: closed, inputs: { nosuch: 1 } })).rejects.toThrow(
      expect.objectContaining({
        code: 'OPR-205',
        problems: [{ code: 'OPR-205', path: 'inputs.nosuch', message: 'unknown input "nosuch": workflow "w" declares n' }],
      }),
    );
  });

  it('names a missing required input, including one an if/then of the schema requires', async () => {
    const conditional = {
      ...workflow(),
      inputs: {
        type: 'object',
        required: ['mode'],
        properties: { mode: { type: 'string', default: 'recall' }, question: { type: 'string' } },
        allOf: [{ if: { properties: { mode: { const: 'recall' } } }, then: { required: ['question'] } }],
      },
    };
    await expect(plan({ workflow: conditional, inputs: {} })).rejects.toThrow(
      expect.objectContaining({
        code: 'OPR-030',
        problems: [{ code: 'OPR-030', path: 'inputs.question', message: 'the input "question" is required' }],
      }),
    );
  });
});
