import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src-shared/engine/events.ts';
import { WorkflowSchema } from '../../src-shared/workflow/schema.ts';
import { planStart } from './start-plan.ts';

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

describe('planStart', () => {
  it('runs a whole workflow with its checked inputs (defaults filled) and no plan', () => {
    expect(planStart({ workflow: workflow(), inputs: undefined })).toEqual({ inputs: { n: 1 } });
    expect(() => planStart({ workflow: workflow(), inputs: { n: 'x' } })).toThrow(expect.objectContaining({ code: 'OPR-030' }));
  });

  it('takes a past run’s inputs when none are given; with other inputs nothing from the past run is reused', () => {
    const from = { nodeId: 'next', past: past({ n: 5 }) };
    expect(planStart({ workflow: workflow(), inputs: undefined, from })).toMatchObject({
      inputs: { n: 5 },
      plan: { reused: ['start'], rerun: [] },
    });
    expect(planStart({ workflow: workflow(), inputs: { n: 5 }, from }).plan?.reused).toEqual(['start']);
    expect(planStart({ workflow: workflow(), inputs: { n: 6 }, from })).toMatchObject({
      inputs: { n: 6 },
      plan: { reused: [], rerun: [{ nodeId: 'start', reason: "the run inputs differ from run r0's" }] },
    });
  });

  it('plans pins and runs to a node; ignores an empty set of pins', () => {
    expect(planStart({ workflow: workflow(), inputs: {}, pins: {} }).plan).toBeUndefined();
    const pinned = planStart({ workflow: workflow(), inputs: {}, pins: { start: { outputs: { out: { n: 9 } } } } });
    expect(pinned.plan?.request.reuse?.get('start')).toEqual({ outputs: { out: { n: 9 } }, from: { kind: 'pin' } });
    expect(planStart({ workflow: workflow(), inputs: {}, to: 'start' }).plan?.request.only?.nodes).toEqual(new Set(['start']));
  });

  it('refuses a past run of another workflow (OPR-159)', () => {
    expect(() => planStart({ workflow: workflow(), inputs: undefined, from: { nodeId: 'next', past: past({}, 'other') } })).toThrow(
      expect.objectContaining({ code: 'OPR-159', message: 'run r0 ran workflow "other", not "w"' }),
    );
  });
});
