import { describe, expect, it } from 'vitest';
import { buildWorkflow } from '../../../engine/testing/build-workflow.ts';
import { createCheckHelpers } from '../../test-context.ts';
import { conversationAppend } from './conversation-append.ts';
import { createMemoryHarness, oneNode, registry } from './memory-test-harness.ts';

/** start → append the user's message → append a canned reply → output the input (passed through twice). */
const chat = buildWorkflow(
  registry,
  [
    { id: 'start', type: 'core.manual-trigger' },
    { id: 'user', type: 'core.conversation-append', config: { sessionId: '{{ session }}', content: '{{ message }}' } },
    {
      id: 'bot',
      type: 'core.conversation-append',
      config: { sessionId: '{{ session }}', role: 'assistant', content: 'echo: {{ message }}' },
    },
    { id: 'passed', type: 'core.output', config: { name: 'passed' } },
  ],
  ['start.out -> user.in', 'user.out -> bot.in', 'bot.out -> passed.in'],
);

const read = (config: Record<string, unknown>) =>
  oneNode('core.conversation-read', { sessionId: '{{ session }}', ...config }, ['turns', 'messages']);

describe('conversation nodes', () => {
  it('append turns with the writing run and node as source, passing the input through', async () => {
    const h = createMemoryHarness();
    const first = await h.run(chat, { session: 's1', message: 'hello' });
    expect(first.outputs.passed).toEqual({ session: 's1', message: 'hello' });

    const result = await h.run(read({}), { session: 's1' });
    expect(result.outputs.messages).toEqual([
      { role: 'user', content: 'hello' },
      { role: 'assistant', content: 'echo: hello' },
    ]);
    expect((result.outputs.turns as { source: unknown }[]).map((turn) => turn.source)).toEqual([
      { workflowId: 'test', runId: first.runId, nodeId: 'user' },
      { workflowId: 'test', runId: first.runId, nodeId: 'bot' },
    ]);
    expect(h.of('node.memory', first.runId).map((event) => [event.nodeId, event.op, event.request])).toEqual([
      ['user', 'conversation.append', { sessionId: 's1', turns: 1 }],
      ['bot', 'conversation.append', { sessionId: 's1', turns: 1 }],
    ]);
  });

  it('read the last turns oldest first, windowed by turns and by tokens, one session at a time', async () => {
    const h = createMemoryHarness();
    for (const message of ['one', 'two', 'three']) await h.run(chat, { session: 's1', message });
    await h.run(chat, { session: 's2', message: 'elsewhere' });

    const lastThree = await h.run(read({ maxTurns: 3 }), { session: 's1' });
    expect(lastThree.outputs.messages).toEqual([
      { role: 'assistant', content: 'echo: two' },
      { role: 'user', content: 'three' },
      { role: 'assistant', content: 'echo: three' },
    ]);
    expect(h.of('node.memory', lastThree.runId)[0]).toMatchObject({
      op: 'conversation.read',
      request: { sessionId: 's1', maxTurns: 3 },
      count: 3,
    });

    // "echo: three" is about 3 tokens and "three" 2: a 5-token window keeps exactly those two.
    const byTokens = await h.run(read({ maxTokens: 5 }), { session: 's1' });
    expect(byTokens.outputs.messages).toEqual([
      { role: 'user', content: 'three' },
      { role: 'assistant', content: 'echo: three' },
    ]);
    const empty = await h.run(read({}), { session: 'nobody' });
    expect(empty.outputs).toEqual({ turns: [], messages: [] });
  });

  it('fail with OPR-140 naming the field when the session id is empty', async () => {
    const h = createMemoryHarness();
    const result = await h.run(read({}), {});
    expect(result.error).toMatchObject({ code: 'OPR-140', message: expect.stringContaining('config.sessionId gave empty text') });
  });

  it('check the session id and content templates statically', () => {
    const problems = conversationAppend.check(conversationAppend.config.parse({ content: '{{ (' }), createCheckHelpers());
    expect(problems.map((p) => p.path)).toEqual(['sessionId', 'content']);
  });
});
