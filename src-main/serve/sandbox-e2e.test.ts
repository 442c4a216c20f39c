import { describe, expect, it, onTestFinished } from 'vitest';
import { SCHEMA_CHECK_MS } from '../../src-shared/services/schema-check.ts';
import { startFakeOpenAi } from '../services/llm/testing/fake-openai-server.ts';
import { NEVER_MS } from '../services/testing/waiting.ts';
import { pushedEvents, serveForTest, waitForEvent, workflowOf } from './testing/test-server.ts';

// A backtracking regex on 33 a's and a '!': 2^33 steps, minutes on one core.
const REDOS = `$match('${'a'.repeat(33)}!', /(a+)+$/)`;
const TIMEOUT_MS = 3_000;

/** The ReDoS workflow, its Transform node stopped after `timeoutMs`. */
function redosWorkflow(id: string, timeoutMs: number) {
  return {
    schemaVersion: 1 as const,
    id,
    name: 'ReDoS',
    nodes: [
      { id: 'start', type: 'core.manual-trigger', typeVersion: 1, position: { x: 0, y: 0 }, config: {} },
      {
        id: 't',
        type: 'core.transform',
        typeVersion: 1,
        position: { x: 200, y: 0 },
        config: { expression: REDOS },
        settings: { timeoutMs, retries: 0 },
      },
    ],
    edges: [{ id: 'e1', source: 'start', sourcePort: 'out', target: 't', targetPort: 'in' }],
  };
}

const nodeEnded = (event: { type: string; nodeId?: string }): boolean => event.type === 'node.finished' && event.nodeId === 't';

describe('operon serve: a runaway expression', () => {
  it('does not hold up another client while it runs', async () => {
    const served = await serveForTest();
    // An hour's timeout: the node is still running when the other client is answered, however slow the machine.
    await served.client.call('workflows.save', { workflow: redosWorkflow('redos-long', NEVER_MS) });
    const { runId } = await served.client.call('runs.start', { workflowId: 'redos-long' });
    await served.watch(runId);
    await waitForEvent(served, runId, (event) => event.type === 'node.started' && event.nodeId === 't');

    // While the regex runs, another client is answered: the expression is in a worker, not on the server's loop.
    const other = served.connectAnother();
    const listed = await other.client.call('workspaces.list', {});
    expect(listed.workspaces.map((workspace) => workspace.id)).toContain('default');
    expect(pushedEvents(served, runId).some(nodeEnded)).toBe(false);

    // Cancelling stops it (its worker is killed): the run ends cancelled long before the hour.
    await served.client.call('runs.cancel', { runId });
    await served.waitForStatus(runId, 'cancelled');
  });

  it('fails its node with the timeout', async () => {
    const served = await serveForTest();
    await served.client.call('workflows.save', { workflow: redosWorkflow('redos', TIMEOUT_MS) });
    const { runId } = await served.client.call('runs.start', { workflowId: 'redos' });
    await served.watch(runId);
    await served.waitForStatus(runId, 'failed');
    const events = pushedEvents(served, runId);
    expect(events.find((event) => event.type === 'node.error' && event.nodeId === 't')).toMatchObject({
      error: { code: 'OPR-100', message: `node "t" timed out after ${TIMEOUT_MS} ms` },
    });
    expect(events.find(nodeEnded)).toMatchObject({ status: 'failed' });
    expect(events.at(-1)).toMatchObject({ type: 'run.finished', status: 'failed', error: { code: 'OPR-100' } });
  });
});

describe("operon serve: an LLM node's output schema with a catastrophic pattern", () => {
  it('checks the answer off the event loop: another client is answered, and the node fails with OPR-223', async () => {
    const openai = await startFakeOpenAi(() => ({ content: JSON.stringify({ code: `${'a'.repeat(40)}!` }) }));
    onTestFinished(() => openai.close());
    const served = await serveForTest({ OPENAI_API_KEY: 'sk-fake-key-0123', OPENAI_BASE_URL: openai.url });
    const schema = { type: 'object', properties: { code: { type: 'string', pattern: '^(a+)+$' } }, required: ['code'] };
    await served.client.call('workflows.save', {
      workflow: workflowOf(
        'schema-redos',
        [
          { id: 'start', type: 'core.manual-trigger' },
          { id: 'ask', type: 'core.llm', config: { prompt: 'A code, please', output: 'json', schema } },
        ],
        ['start.out -> ask.in'],
      ),
    });
    const { runId } = await served.client.call('runs.start', { workflowId: 'schema-redos' });
    await served.watch(runId);
    // The answer has arrived (its call is logged): the pattern is now being checked against it.
    await waitForEvent(served, runId, (event) => event.type === 'node.llm' && event.nodeId === 'ask');

    // (The check may already have been stopped on a slow machine: that the other client is answered is what counts.)
    const other = served.connectAnother();
    const listed = await other.client.call('workspaces.list', {});
    expect(listed.workspaces.map((workspace) => workspace.id)).toContain('default');

    await served.waitForStatus(runId, 'failed');
    const failure = pushedEvents(served, runId).find((event) => event.type === 'node.error' && event.nodeId === 'ask');
    expect(failure).toMatchObject({
      error: {
        code: 'OPR-223',
        message: expect.stringContaining(`checking the model's answer against its schema took longer than ${SCHEMA_CHECK_MS} ms`),
      },
    });
    // Stopped at the check's limit: no repair request was sent for an answer that could not be checked.
    expect(openai.requests.filter((request) => request.path.endsWith('/chat/completions'))).toHaveLength(1);
  });
});
