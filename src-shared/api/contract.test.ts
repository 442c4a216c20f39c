import { describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from '../nodes/builtin.ts';
import { createApiClient, type ApiTransport } from './client.ts';
import { API_CALLS, API_EVENTS, CALL_NAMES, EVENT_NAMES, type CallName } from './contract.ts';
import { ApiError } from './errors.ts';
import { nodeCatalogue } from './node-catalogue.ts';

const workflow = {
  schemaVersion: 1,
  id: 'hello',
  name: 'Hello',
  nodes: [{ id: 'start', type: 'core.manual-trigger', typeVersion: 1, position: { x: 0, y: 0 }, config: {} }],
  edges: [],
};
const summary = { id: 'hello', name: 'Hello', description: '', updatedAt: 1, nodes: 1 };
const runSummary = {
  runId: 'r1',
  workflowId: 'hello',
  workflowName: 'Hello',
  workflowHash: 'abc',
  trigger: { type: 'api' },
  status: 'succeeded',
  startedAt: 1,
  lastSeq: 3,
  interrupted: false,
};
const problem = { code: 'OPR-014', message: 'required input "in" of node "x" has no edge', nodeId: 'x' };
const finished = {
  seq: 3,
  ts: 2,
  runId: 'r1',
  type: 'run.finished',
  status: 'succeeded',
  outputs: {},
  totals: { nodes: 1, succeeded: 1, failed: 0, skipped: 0, cached: 0, executions: 1, durationMs: 1 },
};

const activation = {
  workflowId: 'hello',
  active: true,
  changedAt: 1,
  changedBy: 'ada',
  triggers: [{ nodeId: 'hook', kind: 'webhook', label: 'Webhook', path: '/hooks/default/hello/incoming' }],
  running: 1,
  queued: 0,
};
const firing = { id: 'f1', at: 1, workflowId: 'hello', nodeId: 'hook', kind: 'webhook', payloadBytes: 12, outcome: 'started', runId: 'r1' };

const ref = { $ref: `values/${'a'.repeat(64)}.json`, bytes: 5000 };
const error = { code: 'OPR-108', message: 'HTTP 503' };

/** One sample input and output per call; the type makes a call added to the contract without a sample fail to compile. */
const SAMPLES: Record<CallName, { input: unknown; output: unknown }> = {
  'workspaces.list': { input: {}, output: { workspaces: [{ id: 'default' }] } },
  'workflows.list': { input: { workspace: 'team-a' }, output: { workflows: [summary] } },
  'workflows.open': { input: { id: 'hello' }, output: { workflow, problems: [problem] } },
  'workflows.save': { input: { workflow }, output: { workflow, problems: [], summary } },
  'workflows.rename': { input: { id: 'hello', name: 'Hi' }, output: summary },
  'workflows.delete': { input: { id: 'hello' }, output: { deleted: true } },
  'workflows.import': { input: { text: '{}' }, output: { workflow, problems: [], summary, renamedFrom: 'x' } },
  'workflows.export': { input: { id: 'hello' }, output: { fileName: 'hello.operon.json', text: '{}\n' } },
  'workflows.validate': { input: { workflow: { anything: true } }, output: { ok: false, problems: [problem] } },
  'examples.list': {
    input: {},
    output: { examples: [{ id: 'diamond', name: 'Diamond', description: 'Parallel', nodes: 5, needsModel: false }] },
  },
  'examples.copy': { input: { id: 'diamond' }, output: { workflow, problems: [], summary } },
  'nodeTypes.catalogue': { input: {}, output: { nodeTypes: nodeCatalogue(createBuiltinRegistry()) } },
  'providers.list': { input: {}, output: { providers: [{ name: 'ollama', models: ['llama3.2'] }] } },
  'runs.start': {
    input: {
      workflowId: 'hello',
      inputs: { n: 1 },
      cache: true,
      debug: { breakpoints: ['x'] },
      from: { runId: 'r0', nodeId: 'x' },
      to: 'y',
    },
    output: { runId: 'r1', reused: ['start'], rerun: [{ nodeId: 'fetch', reason: 'it changed since run r0' }] },
  },
  'runs.resume': { input: { runId: 'r1', action: 'step', inputs: { n: 2 } }, output: { runId: 'r1' } },
  'runs.breakpoints': { input: { runId: 'r1', breakpoints: ['x'] }, output: { breakpoints: ['x'] } },
  'runs.cancel': { input: { runId: 'r1' }, output: { cancelled: true } },
  'runs.decide': { input: { runId: 'r1', decision: 'approved', comment: 'ok', value: { a: 1 } }, output: { runId: 'r1' } },
  'runs.continueInterrupted': { input: { workspace: 'team-a', runId: 'r1' }, output: { runId: 'r1' } },
  'runs.list': {
    input: { workflowId: 'hello', status: ['succeeded', 'failed'], since: 0, until: 2 },
    output: {
      runs: [
        { kind: 'run', ...runSummary, pid: 1 },
        { kind: 'damaged', runId: 'r0', problem: 'x' },
      ],
    },
  },
  'runs.get': {
    input: { runId: 'r1' },
    output: { run: { ...runSummary, inputs: {}, workflow: workflow }, paused: { nodeId: 'x', reason: 'breakpoint', inputs: { n: 1 } } },
  },
  'runs.watch': { input: { runId: 'r1', fromSeq: 3 }, output: { runId: 'r1' } },
  'runs.unwatch': { input: { workspace: 'team-a', runId: 'r1' }, output: { watching: true } },
  'runs.events': { input: { runId: 'r1', fromSeq: 3 }, output: { events: [finished], nextSeq: null, warnings: [] } },
  'runs.trace': {
    input: { runId: 'r1', nodeId: 'x' },
    output: {
      events: [{ seq: 1, ts: 1, runId: 'r1', type: 'node.started', nodeId: 'x', attempt: 1, inputs: { big: ref } }],
      nextSeq: 2,
      warnings: [],
    },
  },
  'runs.value': { input: { runId: 'r1', ref: ref.$ref, offset: 10 }, output: { text: '"abc', bytes: 5000, nextOffset: 14 } },
  'runs.timeline': {
    input: { runId: 'r1' },
    output: {
      runId: 'r1',
      status: 'succeeded',
      startedAt: 1,
      lastAt: 9,
      rows: [
        {
          nodeId: 'x',
          status: 'succeeded',
          queuedAt: 1,
          attempts: [{ attempt: 1, from: 2, to: 3, error }],
          pauses: [{ from: 1, to: 2 }],
          waits: [],
          endedAt: 3,
        },
        { nodeId: 'y', status: 'reused', attempts: [], pauses: [], waits: [], endedAt: 1, reusedFrom: { kind: 'run', runId: 'r0' } },
      ],
      warnings: [],
    },
  },
  'runs.compare': {
    input: { a: 'r0', b: 'r1' },
    output: {
      a: { kind: 'run', ...runSummary, runId: 'r0' },
      b: { kind: 'run', ...runSummary },
      nodes: [{ nodeId: 'x', statusA: 'succeeded', statusB: null, inputs: 'same', outputs: 'missing' }],
    },
  },
  'approvals.list': {
    input: {},
    output: {
      approvals: [
        { runId: 'r1', workflowId: 'hello', workflowName: null, nodeId: 'ok', request: { title: 'Ship?', message: '' }, since: 1 },
      ],
    },
  },
  'pins.list': {
    input: { workflowId: 'hello' },
    output: { pins: { x: { outputs: { out: 1 }, fromRunId: 'r1', pinnedAt: 1, by: 'ana' } } },
  },
  'pins.set': {
    input: { workflowId: 'hello', nodeId: 'x', outputs: { out: 1 } },
    output: { pin: { outputs: { out: 1 }, pinnedAt: 1, by: 'editor' } },
  },
  'pins.remove': { input: { workflowId: 'hello', nodeId: 'x' }, output: { removed: true } },
  'triggers.list': { input: {}, output: { workflows: [activation] } },
  'triggers.setActive': { input: { workflowId: 'hello', active: true }, output: { activation } },
  'triggers.log': { input: { workflowId: 'hello', limit: 20 }, output: { firings: [firing] } },
  'session.whoami': { input: {}, output: { user: 'ada', role: 'owner', roles: { acme: 'owner' }, local: false } },
  'members.list': { input: {}, output: { members: [{ user: 'ada', role: 'owner', createdAt: 1, tokens: 1 }] } },
  'members.set': {
    input: { user: 'bob', role: 'viewer' },
    output: { member: { user: 'bob', role: 'viewer', createdAt: 1, tokens: 0 }, created: true },
  },
  'members.remove': { input: { user: 'bob' }, output: { removed: true } },
  'tokens.list': { input: {}, output: { tokens: [{ id: 'a1b2c3d4e5f6', user: 'bob', createdAt: 1 }] } },
  'tokens.create': {
    input: { user: 'bob', label: 'laptop' },
    output: { id: 'a1b2c3d4e5f6', user: 'bob', label: 'laptop', createdAt: 1, token: 'opr_x' },
  },
  'tokens.revoke': { input: { id: 'a1b2c3d4e5f6' }, output: { revoked: true } },
  'secrets.list': { input: {}, output: { secrets: [{ name: 'API_KEY', createdAt: 1, updatedAt: 2 }] } },
  'secrets.set': {
    input: { name: 'api_key', value: 's3cret' },
    output: { secret: { name: 'API_KEY', createdAt: 1, updatedAt: 2 }, created: false },
  },
  'secrets.delete': { input: { name: 'API_KEY' }, output: { deleted: true } },
  'audit.list': {
    input: { since: 1, limit: 50 },
    output: { entries: [{ seq: 1, at: 1, actor: 'ada', action: 'member.changed', target: 'user:bob' }], more: false },
  },
  'audit.verify': { input: {}, output: { ok: false, entries: 3, line: 2, reason: 'it was changed' } },
  'audit.export': { input: { format: 'csv' }, output: { fileName: 'audit-default.csv', text: 'seq\r\n' } },
  'policy.get': { input: {}, output: { policy: null } },
  'policy.set': {
    input: { policy: { nodeTypes: ['core.llm'] } },
    output: {
      policy: {
        models: {},
        budgets: { perRun: {}, perDay: {} },
        nodeTypes: ['core.llm'],
        http: { allowPrivateNetworks: false },
        retention: {},
        webhooks: {},
      },
    },
  },
};

describe('the API contract', () => {
  it.each(CALL_NAMES)('%s: a sample input and output parse', (name) => {
    const { input, output } = SAMPLES[name];
    expect(API_CALLS[name].input.safeParse(input).error).toBeUndefined();
    expect(API_CALLS[name].output.safeParse(output).error).toBeUndefined();
  });

  it('fills the workspace default and refuses ids that could leave their folder', () => {
    expect(API_CALLS['workflows.open'].input.parse({ id: 'hello' })).toEqual({ workspace: 'default', id: 'hello' });
    for (const id of ['../x', '.hidden', 'a/b', '']) expect(API_CALLS['workflows.open'].input.safeParse({ id }).success).toBe(false);
    expect(API_CALLS['runs.get'].input.safeParse({ runId: '../../etc' }).success).toBe(false);
    expect(API_CALLS['runs.continueInterrupted'].input.safeParse({ runId: '../r1' }).success).toBe(false);
    expect(API_CALLS['workflows.list'].input.safeParse({ workspace: '../other' }).success).toBe(false);
  });

  it('refuses debugger inputs that do not fit: pins from both or neither source, a bad action, a bad run id to run from', () => {
    const pinsSet = API_CALLS['pins.set'].input;
    expect(pinsSet.safeParse({ workflowId: 'hello', nodeId: 'x' }).success).toBe(false);
    expect(pinsSet.safeParse({ workflowId: 'hello', nodeId: 'x', outputs: {}, fromRunId: 'r1' }).success).toBe(false);
    expect(pinsSet.safeParse({ workflowId: 'hello', nodeId: 'x', fromRunId: 'r1' }).success).toBe(true);
    expect(API_CALLS['runs.resume'].input.safeParse({ runId: 'r1', action: 'skip' }).success).toBe(false);
    expect(API_CALLS['runs.start'].input.safeParse({ workflowId: 'hello', from: { runId: '../r', nodeId: 'x' } }).success).toBe(false);
    expect(API_CALLS['runs.start'].input.parse({ workflowId: 'hello', debug: {} })).toMatchObject({
      pins: false,
      debug: { breakpoints: [] },
    });
  });

  it('has a payload schema for every pushed event', () => {
    expect(EVENT_NAMES).toEqual(['run.event', 'run.watchEnded', 'runs.changed', 'host.restarted', 'triggers.fired', 'triggers.changed']);
    expect(API_EVENTS['run.event'].safeParse({ workspace: 'default', runId: 'r1', event: finished }).success).toBe(true);
    expect(API_EVENTS['run.event'].safeParse({ workspace: 'default', runId: 'r1', event: { type: 'nope' } }).success).toBe(false);
  });

  it('lists every builtin node type with its JSON Schema and UI hints', () => {
    const catalogue = nodeCatalogue(createBuiltinRegistry());
    expect(catalogue.map((type) => type.type)).toEqual(
      createBuiltinRegistry()
        .list()
        .map((type) => type.type),
    );
    for (const type of catalogue) expect(type.configSchema).toMatchObject({ type: 'object' });
    const http = catalogue.find((type) => type.type === 'core.http-request');
    expect(http?.configSchema).toMatchObject({ properties: { method: { ui: 'select', default: 'GET' } } });
    expect(JSON.parse(JSON.stringify(catalogue))).toEqual(catalogue);
  });
});

describe('the API client', () => {
  const fakeTransport = (answer: unknown, pushed: [string, unknown][] = []): ApiTransport & { push(): void } => {
    const handlers = new Set<(name: string, payload: unknown) => void>();
    return {
      request: () => Promise.resolve(answer),
      onEvent: (handler) => {
        handlers.add(handler);
        return () => handlers.delete(handler);
      },
      push: () => {
        for (const [name, payload] of pushed) for (const handler of handlers) handler(name, payload);
      },
    };
  };

  it('returns a valid answer, typed', async () => {
    const client = createApiClient(fakeTransport({ runId: 'r9' }));
    const { runId } = await client.call('runs.start', { workflowId: 'hello' });
    expect(runId).toBe('r9');
  });

  it('refuses a server answer that does not match the contract', async () => {
    const client = createApiClient(fakeTransport({ workflows: [{ id: 'x' }] }));
    const error = await client.call('workflows.list', {}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toMatch(/workflows.list: the server's answer does not match the contract at workflows.0.name/);
  });

  it('wraps transport failures in an ApiError and passes server errors through', async () => {
    const failing: ApiTransport = { request: () => Promise.reject(new Error('socket hang up')), onEvent: () => () => undefined };
    await expect(createApiClient(failing).call('workspaces.list', {})).rejects.toMatchObject({
      code: 'OPR-162',
      message: /socket hang up/,
    });
    const refused: ApiTransport = { request: () => Promise.reject(new ApiError('OPR-150', 'no run')), onEvent: () => () => undefined };
    await expect(createApiClient(refused).call('runs.get', { runId: 'r1' })).rejects.toMatchObject({ code: 'OPR-150' });
  });

  it('delivers valid events by name and drops invalid ones', () => {
    const transport = fakeTransport(undefined, [
      ['run.event', { workspace: 'default', runId: 'r1', event: finished }],
      ['run.event', { workspace: 'default', runId: 'r1', event: { type: 'bogus' } }],
      ['runs.changed', { workspace: 'default', runId: 'r1', workflowId: 'hello', status: 'succeeded' }],
    ]);
    const invalid: string[] = [];
    const client = createApiClient(transport, { onInvalidEvent: (name) => invalid.push(name) });
    const received: unknown[] = [];
    const off = client.on('run.event', (payload) => received.push(payload.event.type));
    transport.push();
    off();
    transport.push();
    expect(received).toEqual(['run.finished']);
    expect(invalid).toEqual(['run.event']);
  });
});
