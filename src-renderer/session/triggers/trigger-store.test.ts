import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src-shared/api/errors.ts';
import type { Activation, Firing } from '../../../src-shared/triggers/service-schemas.ts';
import type { WorkspaceApi } from '../api-context.ts';
import { createTriggerStore } from './trigger-store.ts';

// The store against answers that keep the contract's shapes (the trigger service itself is tested in src-main).
function apiAnswering(answers: Record<string, (input: Record<string, unknown>) => unknown>): WorkspaceApi {
  return {
    workspace: 'default',
    call: (name, input) => {
      const answer = answers[name];
      if (answer === undefined) return Promise.reject(new Error(`no answer for ${name}`));
      return new Promise((resolve) => resolve(answer(input) as never));
    },
    on: () => () => undefined,
  };
}

const off: Activation = { workflowId: 'leads', active: false, triggers: [], running: 0, queued: 0 };
const firing = (id: string, at: number, extra: Partial<Firing> = {}): Firing => ({
  id,
  at,
  workflowId: 'leads',
  nodeId: 'hook',
  kind: 'webhook',
  payloadBytes: 12,
  outcome: 'started',
  ...extra,
});

describe('the trigger store', () => {
  it('reads the activations and the log, then applies pushed changes and firings', async () => {
    const store = createTriggerStore(
      apiAnswering({ 'triggers.list': () => ({ workflows: [off] }), 'triggers.log': () => ({ firings: [firing('a', 1)] }) }),
    );
    await store.getState().refresh();
    expect(store.getState().activations.get('leads')?.active).toBe(false);
    store.getState().changed({ ...off, active: true });
    expect(store.getState().activations.get('leads')?.active).toBe(true);
    store.getState().fired(firing('b', 2, { outcome: 'queued' }));
    store.getState().fired(firing('b', 2, { outcome: 'started', runId: 'r2' }));
    expect(store.getState().firings.map((f) => [f.id, f.outcome])).toEqual([
      ['b', 'started'],
      ['a', 'started'],
    ]);
  });

  it('says why it could not read, for a server without the trigger service', async () => {
    const store = createTriggerStore(apiAnswering({}));
    await store.getState().refresh();
    expect(store.getState()).toMatchObject({ loaded: true, error: 'no answer for triggers.list' });
  });

  it('answers a refused activation with its problems, nodes named by their labels, and leaves it off', async () => {
    const refusal = new ApiError('OPR-231', 'the workflow has problems', {
      problems: [
        { code: 'OPR-011', message: 'the expression does not parse', nodeId: 'shape' },
        { code: 'OPR-011', message: 'no trigger', nodeId: 'gone' },
      ],
    });
    const store = createTriggerStore(
      apiAnswering({
        'triggers.setActive': () => {
          throw refusal;
        },
        'workflows.open': () => ({
          workflow: {
            nodes: [
              { id: 'shape', type: 'core.transform' },
              { id: 'hook', type: 'core.webhook-trigger', label: 'CRM hook' },
            ],
          },
        }),
      }),
    );
    store.getState().changed(off);
    const result = await store.getState().setActive('leads', true, (type) => (type === 'core.transform' ? 'Transform' : undefined));
    expect(result).toEqual({
      ok: false,
      message: 'the workflow has problems',
      problems: ['Transform: the expression does not parse', 'gone: no trigger'],
    });
    expect(store.getState().activations.get('leads')?.active).toBe(false);
    expect(store.getState().pending.size).toBe(0);
  });

  it('keeps the answered activation when one is accepted', async () => {
    const store = createTriggerStore(
      apiAnswering({ 'triggers.setActive': (input) => ({ activation: { ...off, active: input.active === true } }) }),
    );
    expect(await store.getState().setActive('leads', true, () => undefined)).toEqual({ ok: true });
    expect(store.getState().activations.get('leads')?.active).toBe(true);
  });
});
