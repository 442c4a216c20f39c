import { beforeEach, describe, expect, it } from 'vitest';
import { createMemoryServices, createScriptedTransport, type MemoryServices } from '../../../engine/testing/memory-services.ts';
import { AgentApprovalDataSchema } from './state.ts';
import {
  agentWorkflow,
  decided,
  eventsOf,
  reply,
  session,
  step,
  toolMessages,
  type Reply,
  type ScriptedTransport,
  type Session,
} from './test-harness.ts';

const gatedRead = { name: 'read', description: 'Reads a file, with approval', kind: 'read_file', requiresApproval: true };
const plainRead = { name: 'peek', description: 'Reads a file', kind: 'read_file' };

let transport: ScriptedTransport;
let services: MemoryServices;
let reads: string[];

function start(...replies: Reply[]): Session {
  transport = createScriptedTransport(replies);
  services = createMemoryServices({ llm: transport });
  for (const [path, text] of Object.entries({ 'a.txt': 'A', 'b.txt': 'B', 'c.txt': 'C' })) services.fileStore.set(path, text);
  reads = [];
  const readText = services.files.readText.bind(services.files);
  services.files = { ...services.files, readText: (path, signal) => (reads.push(path), readText(path, signal)) };
  return session(services, agentWorkflow({ task: 'Read a.txt', tools: [gatedRead, plainRead] }));
}

function pendingData(s: Session) {
  expect(s.last?.status).toBe('waiting');
  return AgentApprovalDataSchema.parse(s.last?.pending[0]?.request.data);
}

beforeEach(() => {
  reads = [];
});

describe('core.agent approvals', () => {
  it('pauses with the proposed call, then on approval runs it and goes on without asking the model again', async () => {
    const s = start(reply(null, [['c1', 'read', { path: 'a.txt' }]]), reply('a.txt says A.'));
    const first = await step(s);

    expect(first.status).toBe('waiting');
    expect(first.pending).toEqual([
      { nodeId: 'agent', request: { title: 'Approve tool call: read', message: 'read({"path":"a.txt"})', data: expect.any(Object) } },
    ]);
    const data = pendingData(s);
    expect(data).toMatchObject({ kind: 'agent-tool-approval', tool: 'read', arguments: { path: 'a.txt' }, toolCallId: 'c1' });
    expect(data.state).toMatchObject({
      iterations: 1,
      pending: [{ id: 'c1', name: 'read', arguments: '{"path":"a.txt"}' }],
      spent: { calls: 1, tokens: 15, costUsd: 0 },
      toolCalls: [],
    });
    expect(data.state.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant']);
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
    expect(reads).toEqual([]);
    expect(transport.requests).toHaveLength(1);

    const second = await step(s, decided('approved'));
    expect(second.status).toBe('succeeded');
    expect(second.outputs.answer).toBe('a.txt says A.');
    expect(reads).toEqual(['a.txt']);
    expect(transport.requests).toHaveLength(2);
    expect(toolMessages(transport, 1)).toEqual({ c1: 'A' });
    expect(transport.requests[1]?.messages.slice(0, 3)).toEqual([
      ...(transport.requests[0]?.messages ?? []),
      { role: 'assistant', content: null, toolCalls: [{ id: 'c1', name: 'read', arguments: '{"path":"a.txt"}' }] },
    ]);
    expect(eventsOf(s, 'node.tool')).toEqual([
      expect.objectContaining({
        toolCallId: 'c1',
        arguments: { path: 'a.txt' },
        result: 'A',
        approval: { decision: 'approved', by: 'ana' },
      }),
    ]);
    expect(second.outputs.trace).toMatchObject({ iterations: 2, usage: { totalTokens: 30 } });
  });

  it('runs the tool with the arguments a person edited', async () => {
    const s = start(reply(null, [['c1', 'read', { path: 'a.txt' }]]), reply('It says B.'));
    await step(s);
    const result = await step(s, decided('approved', { value: { path: 'b.txt' } }));

    expect(result.status).toBe('succeeded');
    expect(reads).toEqual(['b.txt']);
    expect(toolMessages(transport, 1)).toEqual({ c1: 'B' });
    expect(eventsOf(s, 'node.tool')[0]).toMatchObject({ arguments: { path: 'b.txt' }, result: 'B' });
    expect(result.outputs.trace).toMatchObject({ toolCalls: [{ arguments: { path: 'b.txt' }, approval: { decision: 'approved' } }] });
  });

  it('checks edited arguments too: invalid ones go back to the model and the tool does not run', async () => {
    const s = start(reply(null, [['c1', 'read', { path: 'a.txt' }]]), reply('The edit was bad.'));
    await step(s);
    const result = await step(s, decided('approved', { value: { path: 7 } }));

    expect(result.status).toBe('succeeded');
    expect(reads).toEqual([]);
    expect(JSON.parse(toolMessages(transport, 1).c1 ?? '')).toEqual({
      error: expect.stringMatching(/^invalid arguments \(as edited by ana\): path: /),
    });
  });

  it('gives the model the rejection as the tool result and lets it answer', async () => {
    const s = start(reply(null, [['c1', 'read', { path: 'a.txt' }]]), reply('I was not allowed to read it.'));
    await step(s);
    const result = await step(s, { decision: 'rejected', by: 'bo', at: 2, comment: 'not that file' });

    expect(result.status).toBe('succeeded');
    expect(result.outputs.answer).toBe('I was not allowed to read it.');
    expect(reads).toEqual([]);
    expect(JSON.parse(toolMessages(transport, 1).c1 ?? '')).toEqual({ rejected: true, by: 'bo', comment: 'not that file' });
    expect(eventsOf(s, 'node.tool')[0]).toMatchObject({ approval: { decision: 'rejected', by: 'bo', comment: 'not that file' } });
  });

  it('pauses twice for two approval tools in one turn, running the calls in between, and keeps every result', async () => {
    const s = start(
      reply(null, [
        ['c1', 'read', { path: 'a.txt' }],
        ['c2', 'peek', { path: 'b.txt' }],
        ['c3', 'read', { path: 'c.txt' }],
      ]),
      reply('A, B and C.'),
    );
    await step(s);
    expect(pendingData(s)).toMatchObject({ toolCallId: 'c1', state: { pending: [{ id: 'c1' }, { id: 'c2' }, { id: 'c3' }] } });

    const second = await step(s, decided('approved'));
    expect(second.status).toBe('waiting');
    const data = pendingData(s);
    expect(data).toMatchObject({ toolCallId: 'c3', arguments: { path: 'c.txt' }, state: { pending: [{ id: 'c3' }] } });
    expect(data.state.messages.filter((m) => m.role === 'tool')).toEqual([
      { role: 'tool', toolCallId: 'c1', content: 'A' },
      { role: 'tool', toolCallId: 'c2', content: 'B' },
    ]);
    expect(reads).toEqual(['a.txt', 'b.txt']);
    expect(transport.requests).toHaveLength(1);

    const third = await step(s, decided('approved', { by: 'cy' }));
    expect(third.status).toBe('succeeded');
    expect(third.outputs.answer).toBe('A, B and C.');
    expect(reads).toEqual(['a.txt', 'b.txt', 'c.txt']);
    expect(transport.requests).toHaveLength(2);
    expect(toolMessages(transport, 1)).toEqual({ c1: 'A', c2: 'B', c3: 'C' });
    expect(eventsOf(s, 'node.waiting')).toHaveLength(2);
    expect(eventsOf(s, 'node.tool').map((e) => [e.toolCallId, e.approval?.by])).toEqual([
      ['c1', 'ana'],
      ['c2', undefined],
      ['c3', 'cy'],
    ]);
  });

  it('asks again for a second approval in a later turn', async () => {
    const s = start(reply(null, [['c1', 'read', { path: 'a.txt' }]]), reply(null, [['c2', 'read', { path: 'b.txt' }]]), reply('Done.'));
    await step(s);
    await step(s, decided('approved'));
    expect(pendingData(s)).toMatchObject({ toolCallId: 'c2', state: { iterations: 2 } });
    const result = await step(s, decided('approved'));

    expect(result.outputs.answer).toBe('Done.');
    expect(transport.requests).toHaveLength(3);
    expect(reads).toEqual(['a.txt', 'b.txt']);
  });
});
