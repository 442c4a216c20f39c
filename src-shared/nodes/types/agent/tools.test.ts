import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTimerClock } from '../../../services/timer-clock.ts';
import { createMemoryServices, createScriptedTransport } from '../../../engine/testing/memory-services.ts';
import { validateWorkflow } from '../../../workflow/validate.ts';
import { agentNode } from '../agent.ts';
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

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

let server: Server;
let base: string;
let seen: Seen[];
const routes = new Map<string, { status: number; type: string; body: string }>();

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      seen.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
      const route = routes.get(new URL(request.url ?? '/', 'http://x').pathname) ?? { status: 404, type: 'text/plain', body: 'no route' };
      response.writeHead(route.status, { 'content-type': route.type }).end(route.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

let transport: ScriptedTransport;
beforeEach(() => {
  seen = [];
  routes.clear();
});

/** Real timers: a request in flight on a socket must not let virtual time run out the node's timeout. */
function httpSession(tool: Record<string, unknown>, ...replies: Reply[]) {
  transport = createScriptedTransport(replies);
  const services = { ...createMemoryServices({ llm: transport, secrets: { weather_key: 'k-123' } }), clock: createTimerClock() };
  return session(services, agentWorkflow({ tools: [{ name: 'http_tool', description: 'An API', kind: 'http', ...tool }] }));
}

describe('http tool', () => {
  it('fills the URL and headers from the arguments and gives the model { status, body } with JSON parsed', async () => {
    routes.set('/weather/S%C3%A3o%20Paulo', {
      status: 200,
      type: 'application/json; charset=utf-8',
      body: '{"tempC":31}',
    });
    const s = httpSession(
      {
        config: {
          url: `${base}/weather/{{ $encodeUrlComponent(city) }}?units={{ units }}`,
          headers: { 'x-api-key': '{{ $secret("weather_key") }}' },
        },
        parameters: { type: 'object', required: ['city'], properties: { city: { type: 'string' }, units: { type: 'string' } } },
      },
      reply(null, [['c1', 'http_tool', { city: 'São Paulo', units: 'metric' }]]),
      reply('31 degrees.'),
    );
    const result = await step(s);

    expect(result.status).toBe('succeeded');
    expect(seen).toEqual([expect.objectContaining({ method: 'GET', url: '/weather/S%C3%A3o%20Paulo?units=metric', body: '' })]);
    expect(seen[0]?.headers['x-api-key']).toBe('k-123');
    expect(JSON.parse(toolMessages(transport, 1).c1 ?? '')).toEqual({ status: 200, body: { tempC: 31 } });
    const record = eventsOf(s, 'node.tool')[0];
    expect(record).toMatchObject({ arguments: { city: 'São Paulo', units: 'metric' }, result: { status: 200, body: { tempC: 31 } } });
    expect(JSON.stringify(s.log)).not.toContain('k-123');
  });

  it('sends a templated JSON body and hands error statuses to the model as results', async () => {
    routes.set('/search', { status: 503, type: 'text/plain', body: 'try later' });
    const s = httpSession(
      { config: { method: 'POST', url: `${base}/search`, body: { query: '{{ q }}', args: '{{ $ }}', fixed: 3 } } },
      reply(null, [['c1', 'http_tool', { q: 'cats', limit: 2 }]]),
      reply('The search is down.'),
    );
    await step(s);

    expect(seen[0]).toMatchObject({ method: 'POST', url: '/search' });
    expect(seen[0]?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(seen[0]?.body ?? '')).toEqual({ query: 'cats', args: { q: 'cats', limit: 2 }, fixed: 3 });
    expect(JSON.parse(toolMessages(transport, 1).c1 ?? '')).toEqual({ status: 503, body: 'try later' });
  });

  it('cuts a long body to 20,000 characters with a note', async () => {
    routes.set('/big', { status: 200, type: 'application/json', body: JSON.stringify({ data: 'x'.repeat(30_000) }) });
    const s = httpSession({ config: { url: `${base}/big` } }, reply(null, [['c1', 'http_tool', {}]]), reply('Big.'));
    await step(s);

    const result = JSON.parse(toolMessages(transport, 1).c1 ?? '') as { status: number; body: string; note: string };
    expect(result.body).toHaveLength(20_000);
    expect(result.body.startsWith('{"data":"xxx')).toBe(true);
    expect(result.note).toBe('truncated: 30011 characters, only the first 20000 are shown');
  });

  it('sends a connection error back to the model', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const s = httpSession({ config: { url: `http://127.0.0.1:${port}/` } }, reply(null, [['c1', 'http_tool', {}]]), reply('Unreachable.'));
    const result = await step(s);

    expect(result.status).toBe('succeeded');
    expect(JSON.parse(toolMessages(transport, 1).c1 ?? '')).toEqual({ error: expect.stringContaining('could not connect') });
  });
});

describe('agent config', () => {
  it('parses with defaults everywhere, and fills each kind of tool with its defaults', () => {
    const config = agentNode.config.parse({
      tools: [
        { name: 'a', kind: 'read_file' },
        { name: 'b', kind: 'http', config: { url: 'https://example.com' } },
        { name: 'c', kind: 'workflow' },
      ],
    });
    expect(config).toMatchObject({
      provider: 'openai',
      model: 'gpt-4o-mini',
      fallbackModels: [],
      task: '{{ $string($) }}',
      maxIterations: 8,
      cache: false,
      retries: 2,
      tools: [
        { name: 'a', kind: 'read_file', requiresApproval: false, description: '', config: {}, parameters: { required: ['path'] } },
        { name: 'b', kind: 'http', config: { method: 'GET', headers: {} }, parameters: { type: 'object', additionalProperties: true } },
        { name: 'c', kind: 'workflow', config: { workflow: '' } },
      ],
    });
    expect(agentNode.config.parse({})).toMatchObject({ tools: [], maxIterations: 8 });
  });

  it('refuses unknown kinds and out-of-range limits', () => {
    expect(agentNode.config.safeParse({ tools: [{ name: 'x', kind: 'shell' }] }).success).toBe(false);
    expect(agentNode.config.safeParse({ maxIterations: 51 }).success).toBe(false);
    expect(agentNode.config.safeParse({ maxIterations: 50 }).success).toBe(true);
  });

  it('checks tool names are unique, parameters are object schemas and templates compile', () => {
    const workflow = {
      schemaVersion: 1,
      id: 'w',
      name: 'W',
      nodes: [
        {
          id: 'agent',
          type: 'core.agent',
          typeVersion: 1,
          position: { x: 0, y: 0 },
          config: {
            model: '',
            task: '{{ ( }}',
            tools: [
              { name: 'same', kind: 'read_file' },
              { name: 'same', kind: 'read_file', parameters: { type: 'array' } },
              {
                name: 'web',
                kind: 'http',
                config: { method: 'POST', url: 'https://x/{{ ) }}', headers: { a: '{{ ] }}' }, body: { b: ['{{ ( }}'] } },
              },
              { name: 'empty', kind: 'http', config: { method: 'GET', body: 'x' } },
              { name: 'flow', kind: 'workflow' },
              { name: 'has space', kind: 'read_file' },
              { kind: 'read_file' },
            ],
          },
        },
      ],
      edges: [],
    };
    const result = validateWorkflow(workflow, registry);
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems.map((p) => `${p.code} ${p.path ?? ''}: ${p.message.split(':')[0]}`);
    expect(problems).toEqual([
      'OPR-011 nodes[0].config.model: is required',
      'OPR-011 nodes[0].config.task: template does not compile',
      'OPR-011 nodes[0].config.tools.1.name: another tool is already called "same"',
      'OPR-011 nodes[0].config.tools.1.parameters.type: the arguments schema must have type',
      'OPR-011 nodes[0].config.tools.2.config.url: template does not compile',
      'OPR-011 nodes[0].config.tools.2.config.headers.a: template does not compile',
      'OPR-011 nodes[0].config.tools.2.config.body.b.0: template does not compile',
      'OPR-011 nodes[0].config.tools.3.config.url: is required',
      'OPR-011 nodes[0].config.tools.3.config.body: a GET request has no body; remove it or change the method',
      'OPR-011 nodes[0].config.tools.4.config.workflow: name the workflow to run',
      'OPR-011 nodes[0].config.tools.5.name: use 1-64 letters, digits, "_" or "-"',
      'OPR-011 nodes[0].config.tools.6.name: use 1-64 letters, digits, "_" or "-"',
    ]);
  });
});
