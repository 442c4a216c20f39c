import { z } from 'zod';
import { defineNodeType } from '../define-node-type.ts';
import { OperonError } from '../../errors/operon-error.ts';
import { port } from '../ports.ts';
import { base64, decodeBody, encodeBody, excerpt, idempotencyKey, parseRequestUrl, retryableStatus, templateDeep } from './http-support.ts';
import { checkTemplate, type ConfigProblem } from './static-expressions.ts';
import { toText } from './values.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

const HttpConfig = z.object({
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD']).default('GET').describe('The HTTP method.').meta({ ui: 'select' }),
  url: z.string().default('').describe('The http(s) URL; {{ }} placeholders read the input ($).').meta({ ui: 'template' }),
  headers: z
    .record(z.string(), z.string().meta({ ui: 'template' }))
    .default({})
    .describe('Request headers; values are templates (use {{ $secret("name") }} for tokens).'),
  query: z
    .record(z.string(), z.string().meta({ ui: 'template' }))
    .default({})
    .describe('Query parameters; values are templates, empty results are left out.'),
  body: z.unknown().optional().describe('The request body; every string in it is a template.').meta({ ui: 'json' }),
  bodyType: z.enum(['json', 'text', 'form']).default('json').describe('How the body is encoded.').meta({ ui: 'select' }),
  responseType: z
    .enum(['auto', 'json', 'text'])
    .default('auto')
    .describe('How the response body is read; auto goes by its content type.')
    .meta({ ui: 'select' }),
  timeoutMs: z.int().min(1).max(DAY_MS).default(30_000).describe('Time limit for the request and its body, in milliseconds.'),
  failOnStatus: z.boolean().default(true).describe('Fail on a 4xx or 5xx status (5xx and 429 may be retried).'),
});
type HttpConfig = z.output<typeof HttpConfig>;

function checkHttp(config: HttpConfig): ConfigProblem[] {
  const problems = checkTemplate('url', config.url, true);
  for (const [name, value] of Object.entries(config.headers)) problems.push(...checkTemplate(`headers.${name}`, value));
  for (const [name, value] of Object.entries(config.query)) problems.push(...checkTemplate(`query.${name}`, value));
  if (typeof config.body === 'string') problems.push(...checkTemplate('body', config.body));
  if (config.body !== undefined && (config.method === 'GET' || config.method === 'HEAD')) {
    problems.push({ path: 'body', message: `a ${config.method} request has no body; remove it or change the method` });
  }
  return problems;
}

/**
 * Sends an HTTP request and emits `{ status, headers, body }`. Header values never reach errors or
 * logs; the log line has the method, the URL without user info, the status and the duration.
 * Network errors, timeouts, 5xx and 429 are retryable OPR-108 errors; other 4xx are not.
 */
export const httpRequest = defineNodeType({
  type: 'core.http-request',
  version: 1,
  kind: 'step',
  cacheable: (config) => config.method === 'GET' || config.method === 'HEAD', // other methods change things
  // A read is sent again; a change is sent again as the same attempt, with the same Idempotency-Key.
  onInterrupted: (config) => (config.method === 'GET' || config.method === 'HEAD' ? 'rerun' : 'resend'),

  sendsSecrets: ['url', 'headers', 'query', 'body'],
  title: 'HTTP request',
  category: 'Network',
  description: 'Calls an HTTP API and emits the status, headers and body.',
  icon: 'globe',
  summary: [{ field: ['method', 'url'] }],
  config: HttpConfig,
  inputs: { in: port('any') },
  outputs: { out: port('object') },
  check: checkHttp,
  run: async (ctx) => {
    const { method, bodyType, responseType, timeoutMs, failOnStatus } = ctx.config;
    const data = ctx.inputs.in;
    const { url, credentials } = parseRequestUrl(toText(await ctx.template(ctx.config.url, data, 'config.url')));
    for (const [name, value] of Object.entries(ctx.config.query)) {
      const filled = toText(await ctx.template(value, data, `config.query.${name}`));
      if (filled !== '') url.searchParams.append(name, filled);
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(ctx.config.headers))
      headers.set(name, toText(await ctx.template(value, data, `config.headers.${name}`)));
    if (credentials !== undefined && !headers.has('authorization')) headers.set('authorization', `Basic ${base64(credentials)}`);
    const sendsBody = ctx.config.body !== undefined && method !== 'GET' && method !== 'HEAD';
    const body = sendsBody ? encodeBody(await templateDeep(ctx, ctx.config.body, data, 'config.body'), bodyType, headers) : undefined;

    const where = url.href;
    const key = await idempotencyKey(
      { method, url: where, body, headers },
      { runId: ctx.run.id, nodeId: ctx.node.id, attempt: ctx.attempt },
    );
    if (key !== undefined) headers.set('idempotency-key', key);
    const started = ctx.clock.now();
    const controller = new AbortController();
    let timedOut = false;
    const cancelTimer = ctx.clock.setTimer(timeoutMs, () => {
      timedOut = true;
      controller.abort(new Error(`timed out after ${timeoutMs} ms`));
    });
    const onAbort = (): void => controller.abort(ctx.signal.reason);
    if (ctx.signal.aborted) onAbort();
    else ctx.signal.addEventListener('abort', onAbort, { once: true });

    let status: number;
    let responseHeaders: Record<string, string>;
    let text: string;
    let contentType: string | null;
    try {
      const response = await ctx.http.fetch(where, { method, headers, ...(body === undefined ? {} : { body }), signal: controller.signal });
      status = response.status;
      responseHeaders = Object.fromEntries(response.headers);
      contentType = response.headers.get('content-type');
      text = await response.text();
    } catch (error) {
      if (ctx.signal.aborted) throw ctx.signal.reason;
      // The workspace policy refused it (OPR-264): not a network failure, and never retried.
      if (error instanceof OperonError && error.code === 'OPR-264') throw error;
      const durationMs = ctx.clock.now() - started;
      const reason = timedOut ? `timed out after ${timeoutMs} ms` : `could not connect: ${networkReason(error)}`;
      ctx.log('warn', `${method} ${where} failed after ${durationMs} ms: ${reason}`, { method, url: where, durationMs });
      throw new OperonError('OPR-108', `${method} ${where} ${reason}`, {
        retryable: true,
        details: { url: where, timedOut },
        cause: error,
      });
    } finally {
      cancelTimer();
      ctx.signal.removeEventListener('abort', onAbort);
    }

    const durationMs = ctx.clock.now() - started;
    const failed = failOnStatus && status >= 400;
    ctx.log(failed ? 'warn' : 'info', `${method} ${where} ${status} in ${durationMs} ms`, { method, url: where, status, durationMs });
    if (failed) {
      throw new OperonError('OPR-108', `${method} ${where} returned status ${status}`, {
        retryable: retryableStatus(status),
        details: { status, url: where, body: excerpt(text) },
      });
    }
    return { out: { status, headers: responseHeaders, body: decodeBody(text, contentType, responseType, where, status) } };
  },
});

/** A network error's reason, from fetch's `cause` when there is one (ECONNREFUSED and the like). */
function networkReason(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  const source = cause instanceof Error ? cause : error;
  return source instanceof Error ? source.message : String(source);
}
