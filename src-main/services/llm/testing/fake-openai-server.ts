import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type ChatReply,
  completionBody,
  completionChunks,
  embeddingsBody,
  errorBody,
  type FakeReply,
  modelsBody,
} from './fake-openai-replies.ts';

export type { FakeReply, FakeToolCall, FakeUsage } from './fake-openai-replies.ts';
export { estimateUsage, letterEmbedding } from './fake-openai-replies.ts';

/** One request the fake server received, recorded before it is answered. */
export interface FakeRequest {
  method: string;
  /** The path with its query, e.g. `/v1/chat/completions`. */
  path: string;
  /** The JSON body when it is an object, else `{}` (see `text`). */
  body: Record<string, unknown>;
  /** The body as sent. */
  text: string;
  /** Node's headers: lower-case names (`authorization`, `content-type`…). */
  headers: IncomingHttpHeaders;
}

/** Decides the answer when no reply is queued; undefined means the default answer. */
export type FakeHandler = (request: FakeRequest) => FakeReply | undefined | Promise<FakeReply | undefined>;

export interface FakeOpenAi {
  /** The API root to give a client: `http://127.0.0.1:<port>/v1`. */
  url: string;
  port: number;
  /** Every request so far, in arrival order. */
  requests: FakeRequest[];
  /** Queues answers: each request to a known endpoint takes the next one, before the handler is asked. */
  reply(...replies: FakeReply[]): void;
  /** Stops the server, cutting any answer in progress. */
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 (a free port) speaking enough of the OpenAI API for Operon's tests:
 * - `POST /v1/chat/completions`: JSON, or server-sent events when `stream: true` (`data: {chunk}` lines ending with
 *   `data: [DONE]`, usage in a last chunk when `stream_options.include_usage`);
 * - `POST /v1/embeddings`: float arrays, or base64 float32 unless `encoding_format: 'float'` (the SDK asks for base64
 *   by default and decodes it);
 * - `GET /v1/models`.
 * Each request takes the next queued reply, else the handler's, else the default: an echo of the last user message
 * (`echo: <text>`), letter-frequency embeddings, one model. Other paths get a 404 and take no reply.
 */
export async function startFakeOpenAi(handler?: FakeHandler): Promise<FakeOpenAi> {
  const requests: FakeRequest[] = [];
  const queue: FakeReply[] = [];
  let received = 0; // numbers the answers' ids, whatever a test does to `requests`

  const server = createServer((message, response) => {
    response.on('error', () => undefined); // a client that hangs up is not the server's problem
    void serve(message, response).catch((error: unknown) => {
      if (!response.headersSent) sendJson(response, 500, errorBody(500, `fake server: ${String(error)}`));
      else response.destroy();
    });
  });

  const serve = async (message: IncomingMessage, response: ServerResponse): Promise<void> => {
    const text = await readBody(message);
    const request: FakeRequest = {
      method: message.method ?? 'GET',
      path: message.url ?? '/',
      body: parseObject(text),
      text,
      headers: message.headers,
    };
    requests.push(request);
    const number = ++received;
    const route = `${request.method} ${request.path.split('?')[0]}`;
    if (!['POST /v1/chat/completions', 'POST /v1/embeddings', 'GET /v1/models'].includes(route)) {
      sendJson(response, 404, errorBody(404, `fake server: no route ${route}`));
      return;
    }
    const reply = queue.shift() ?? (await handler?.(request));
    await answer(request, route, reply, response, number);
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    requests,
    reply: (...replies) => void queue.push(...replies),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers one request with `reply` (undefined: the default answer for the route). */
async function answer(
  request: FakeRequest,
  route: string,
  reply: FakeReply | undefined,
  response: ServerResponse,
  requestNumber: number,
): Promise<void> {
  if (reply !== undefined && 'delayMs' in reply) {
    if (await pause(reply.delayMs, response)) await answer(request, route, reply.then, response, requestNumber);
    return;
  }
  if (reply !== undefined && 'raw' in reply) {
    response.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
    response.end(reply.raw);
    return;
  }
  if (reply !== undefined && 'status' in reply) {
    const body = reply.body ?? errorBody(reply.status);
    const type = typeof body === 'string' ? 'text/plain' : 'application/json';
    response.writeHead(reply.status, { 'content-type': type, ...reply.headers });
    response.end(typeof body === 'string' ? body : JSON.stringify(body));
    return;
  }
  if (route === 'GET /v1/models') {
    if (reply !== undefined) return misfit(response, 'a chat or embedding reply was queued for /v1/models');
    return sendJson(response, 200, modelsBody());
  }
  const embedding = reply !== undefined && 'embedding' in reply ? reply.embedding : undefined;
  if (route === 'POST /v1/embeddings') {
    if (reply !== undefined && embedding === undefined) return misfit(response, 'a chat reply was queued for /v1/embeddings');
    return sendJson(response, 200, embeddingsBody(request.body, embedding));
  }
  if (embedding !== undefined) return misfit(response, 'an embedding reply was queued for /v1/chat/completions');
  const chat = (reply as ChatReply | undefined) ?? echo(request);
  if (request.body.stream !== true) return sendJson(response, 200, completionBody(request.body, chat, requestNumber));

  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for (const [index, chunk] of completionChunks(request.body, chat, requestNumber).entries()) {
    if (index > 0 && chat.chunkDelayMs !== undefined && !(await pause(chat.chunkDelayMs, response))) return;
    if (response.destroyed) return;
    response.write(`data: ${JSON.stringify(chunk)}\n\n`);
  }
  response.end('data: [DONE]\n\n');
}

/** The default chat answer: `echo: <the last user message>`. */
function echo(request: FakeRequest): ChatReply {
  const messages = Array.isArray(request.body.messages) ? (request.body.messages as { role?: unknown; content?: unknown }[]) : [];
  const lastUser = messages.findLast((message) => message.role === 'user');
  return { content: `echo: ${typeof lastUser?.content === 'string' ? lastUser.content : ''}` };
}

/** A queued reply of the wrong kind for the endpoint: a 500 saying so, to help whoever wrote the test. */
function misfit(response: ServerResponse, problem: string): void {
  sendJson(response, 500, errorBody(500, `fake server: ${problem}`));
}

/** Waits `ms`; false when the client hung up first (the answer is then dropped). */
function pause(ms: number, response: ServerResponse): Promise<boolean> {
  if (response.destroyed) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onClose = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      response.off('close', onClose);
      resolve(!response.destroyed);
    }, ms);
    response.once('close', onClose);
  });
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

async function readBody(message: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of message) parts.push(part as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

function parseObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
