import { beforeEach, describe, expect, it } from 'vitest';
import { createMemoryServices, createScriptedTransport, type MemoryServices } from '../../../engine/testing/memory-services.ts';
import { buildWorkflow } from '../../../engine/testing/build-workflow.ts';
import {
  agentWorkflow,
  eventsOf,
  registry,
  reply,
  session,
  step,
  toolMessages,
  type Reply,
  type ScriptedTransport,
} from './test-harness.ts';

const readFileTool = { name: 'read_file', description: 'Reads a file', kind: 'read_file' };

let transport: ScriptedTransport;
let services: MemoryServices;
let reads: string[];

function setup(...replies: Reply[]): void {
  transport = createScriptedTransport(replies);
  services = createMemoryServices({ llm: transport });
  reads = [];
  const readText = services.files.readText.bind(services.files);
  services.files = { ...services.files, readText: (path, signal) => (reads.push(path), readText(path, signal)) };
}

beforeEach(() => setup());

describe('core.agent tool loop', () => {
  it('reads a file in a two-turn loop and answers; the second request carries the file content', async () => {
    setup(reply(null, [['c1', 'read_file', { path: 'notes/plan.txt' }]]), reply('The plan is to ship on Friday.'));
    services.fileStore.set('notes/plan.txt', 'Ship on Friday.');
    const s = session(services, agentWorkflow({ task: 'What is the plan in {{ file }}?', tools: [readFileTool] }));
    const result = await step(s, undefined, { file: 'notes/plan.txt' });

    expect(result.status).toBe('succeeded');
    expect(result.outputs.answer).toBe('The plan is to ship on Friday.');
    expect(transport.requests).toHaveLength(2);
    const [first, second] = transport.requests;
    expect(first?.messages).toEqual([
      { role: 'system', content: 'You are a careful assistant. Use the tools when they help.' },
      { role: 'user', content: 'What is the plan in notes/plan.txt?' },
    ]);
    expect(first?.tools).toEqual([
      {
        name: 'read_file',
        description: 'Reads a file',
        parameters: { type: 'object', required: ['path'], properties: { path: expect.objectContaining({ type: 'string' }) } },
      },
    ]);
    expect(second?.messages.slice(2)).toEqual([
      { role: 'assistant', content: null, toolCalls: [{ id: 'c1', name: 'read_file', arguments: '{"path":"notes/plan.txt"}' }] },
      { role: 'tool', toolCallId: 'c1', content: 'Ship on Friday.' },
    ]);
    expect(eventsOf(s, 'node.tool')).toEqual([
      expect.objectContaining({
        nodeId: 'agent',
        toolCallId: 'c1',
        tool: 'read_file',
        arguments: { path: 'notes/plan.txt' },
        result: 'Ship on Friday.',
      }),
    ]);
    expect(eventsOf(s, 'node.llm')).toHaveLength(2);
    expect(eventsOf(s, 'node.log').find((e) => e.message === 'final answer')?.data).toMatchObject({
      answer: 'The plan is to ship on Friday.',
    });
  });

  it('sends bad JSON and schema violations back to the model without running the tool', async () => {
    setup(
      reply(null, [['c1', 'read_file', '{"path": ']]),
      reply(null, [['c2', 'read_file', { path: 42, extra: true }]]),
      reply(null, [['c3', 'read_file', {}]]),
      reply('I could not read it.'),
    );
    const s = session(services, agentWorkflow({ tools: [readFileTool] }));
    const result = await step(s);

    expect(result.status).toBe('succeeded');
    expect(reads).toEqual([]);
    expect(JSON.parse(toolMessages(transport, 1).c1 ?? '')).toEqual({ error: expect.stringMatching(/^invalid arguments: not valid JSON/) });
    expect(JSON.parse(toolMessages(transport, 2).c2 ?? '')).toEqual({ error: expect.stringMatching(/^invalid arguments: path: .*string/) });
    expect(JSON.parse(toolMessages(transport, 3).c3 ?? '')).toEqual({
      error: expect.stringMatching(/^invalid arguments: .*required property "path"/),
    });
    expect(eventsOf(s, 'node.tool').map((e) => [e.toolCallId, e.arguments, e.error?.slice(0, 18), e.result])).toEqual([
      ['c1', '{"path": ', 'invalid arguments:', undefined],
      ['c2', { path: 42, extra: true }, 'invalid arguments:', undefined],
      ['c3', {}, 'invalid arguments:', undefined],
    ]);
  });

  it('tells the model a tool name is unknown, and which tools there are', async () => {
    setup(reply(null, [['c1', 'delete_everything', {}]]), reply('Sorry.'));
    const s = session(services, agentWorkflow({ tools: [readFileTool] }));
    const result = await step(s);

    expect(result.outputs.answer).toBe('Sorry.');
    expect(JSON.parse(toolMessages(transport, 1).c1 ?? '')).toEqual({
      error: 'unknown tool "delete_everything"; the tools are: read_file',
    });
    expect(eventsOf(s, 'node.tool')[0]).toMatchObject({ tool: 'delete_everything', error: expect.stringContaining('unknown tool') });
  });

  it('sends a failing tool (OPR-126) back to the model; the node does not fail', async () => {
    setup(reply(null, [['c1', 'read_file', { path: 'missing.txt' }]]), reply('The file is missing.'));
    const s = session(services, agentWorkflow({ tools: [readFileTool] }));
    const result = await step(s);

    expect(result.status).toBe('succeeded');
    expect(reads).toEqual(['missing.txt']);
    expect(JSON.parse(toolMessages(transport, 1).c1 ?? '')).toEqual({ error: 'file "missing.txt" does not exist' });
    expect(eventsOf(s, 'node.log').some((e) => e.level === 'warn' && e.message.startsWith('OPR-126 tool "read_file" failed'))).toBe(true);
  });

  it('runs several tool calls of one turn in order and answers them all before asking again', async () => {
    setup(
      reply(null, [
        ['a', 'read_file', { path: 'a.txt' }],
        ['b', 'read_file', { path: 'b.txt' }],
      ]),
      reply('A and B.'),
    );
    services.fileStore.set('a.txt', 'A');
    services.fileStore.set('b.txt', 'B');
    const s = session(services, agentWorkflow({ tools: [readFileTool] }));
    await step(s);
    expect(reads).toEqual(['a.txt', 'b.txt']);
    expect(transport.requests[1]?.messages.filter((m) => m.role === 'tool')).toEqual([
      { role: 'tool', toolCallId: 'a', content: 'A' },
      { role: 'tool', toolCallId: 'b', content: 'B' },
    ]);
  });

  it('runs a workflow tool as a child run with the arguments as its inputs', async () => {
    services.workflowStore.set(
      'tools/greet.json',
      buildWorkflow(
        registry,
        [
          { id: 'in', type: 'core.manual-trigger' },
          { id: 'greet', type: 'core.transform', config: { expression: '{ "greeting": "Hello, " & name & "!" }' } },
          { id: 'out', type: 'core.output', config: { name: 'result' } },
        ],
        ['in.out -> greet.in', 'greet.out -> out.in'],
        {},
        { id: 'greet', inputs: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } } },
      ),
    );
    transport.replies.push(reply(null, [['c1', 'greet', { name: 'Ada' }]]), reply('Greeted Ada.'));
    const greet = {
      name: 'greet',
      description: 'Greets someone',
      kind: 'workflow',
      config: { workflow: 'tools/greet.json' },
      parameters: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
    };
    const s = session(services, agentWorkflow({ tools: [greet] }));
    const result = await step(s);

    expect(result.status).toBe('succeeded');
    expect(JSON.parse(toolMessages(transport, 1).c1 ?? '')).toEqual({ result: { greeting: 'Hello, Ada!' } });
    expect(eventsOf(s, 'run.started').map((e) => e.parent?.nodeId)).toEqual([undefined, 'agent']);
  });

  it('emits a trace with the iterations, tool calls, token totals and cost', async () => {
    transport = createScriptedTransport([
      reply(null, [['c1', 'read_file', { path: 'x.txt' }]], { promptTokens: 100, completionTokens: 20, totalTokens: 120 }),
      reply(null, [['c2', 'nope', {}]], { promptTokens: 200, completionTokens: 30, totalTokens: 230 }),
      reply('Done.', [], { promptTokens: 300, completionTokens: 40, totalTokens: 340 }),
    ]);
    services = createMemoryServices({
      llm: transport,
      prices: { currency: 'USD', models: { 'gpt-4o-mini': { inputPerMTok: 1, outputPerMTok: 10 } } },
    });
    services.fileStore.set('x.txt', 'X');
    const s = session(services, agentWorkflow({ tools: [readFileTool] }));
    const result = await step(s);

    expect(result.outputs.trace).toEqual({
      iterations: 3,
      toolCalls: [
        { toolCallId: 'c1', tool: 'read_file', arguments: { path: 'x.txt' }, result: 'X' },
        { toolCallId: 'c2', tool: 'nope', arguments: '{}', error: 'unknown tool "nope"; the tools are: read_file' },
      ],
      usage: { promptTokens: 600, completionTokens: 90, totalTokens: 690 },
      costUsd: expect.closeTo((600 * 1 + 90 * 10) / 1e6, 12),
      unpricedCalls: 0,
    });
  });

  it('sends no tools list, and the temperature only when set', async () => {
    setup(reply('Hi.'));
    await step(session(services, agentWorkflow({ task: 'Say hi', temperature: 0.2 })));
    expect(transport.requests[0]).toEqual({
      provider: 'openai',
      model: 'gpt-4o-mini',
      messages: [expect.objectContaining({ role: 'system' }), { role: 'user', content: 'Say hi' }],
      temperature: 0.2,
    });
  });
});
