import { z } from 'zod';
import { OperonError } from '../../../errors/operon-error.ts';
import { base64, decodeBody, encodeBody, parseRequestUrl, templateDeep } from '../http-support.ts';
import { checkTemplate, type ConfigProblem } from '../static-expressions.ts';
import { isPlainObject, toText } from '../values.ts';
import { toolSchema, truncateText, type ToolContext, type ToolKind } from './tool-kind.ts';

const HttpToolConfig = z.object({
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD']).default('GET').describe('The HTTP method.').meta({ ui: 'select' }),
  url: z
    .string()
    .default('')
    .describe('The http(s) URL; {{ }} placeholders read the arguments the model gave ($), e.g. {{ $encodeUrlComponent(city) }}.')
    .meta({ ui: 'template' }),
  headers: z
    .record(z.string(), z.string().meta({ ui: 'template' }))
    .default({})
    .describe('Request headers; values are templates over the arguments (use {{ $secret("name") }} for tokens).'),
  body: z
    .unknown()
    .optional()
    .describe('The JSON request body; every string in it is a template over the arguments ("{{ $ }}" sends them all).')
    .meta({ ui: 'json' }),
});

export const HttpToolSchema = toolSchema('http', HttpToolConfig, { type: 'object', properties: {}, additionalProperties: true });
export type HttpTool = z.output<typeof HttpToolSchema>;

/**
 * Calls an HTTP API with the model's arguments filled into the URL, headers and body. The result is
 * `{ status, body }`: the model sees error statuses too. Header values never reach the result or the log.
 */
export const httpTool: ToolKind<HttpTool> = {
  check(tool) {
    const problems: ConfigProblem[] = checkTemplate('config.url', tool.config.url, true);
    for (const [name, value] of Object.entries(tool.config.headers)) problems.push(...checkTemplate(`config.headers.${name}`, value));
    problems.push(...checkBodyTemplates('config.body', tool.config.body));
    const { method } = tool.config;
    if (tool.config.body !== undefined && (method === 'GET' || method === 'HEAD'))
      problems.push({ path: 'config.body', message: `a ${method} request has no body; remove it or change the method` });
    return problems;
  },
  async run(ctx, tool, args) {
    const field = (name: string): string => `config.tools.${tool.name}.config.${name}`;
    const { method } = tool.config;
    const { url, credentials } = parseRequestUrl(toText(await ctx.template(tool.config.url, args, field('url'))));
    const headers = new Headers();
    for (const [name, value] of Object.entries(tool.config.headers))
      headers.set(name, toText(await ctx.template(value, args, field(`headers.${name}`))));
    if (credentials !== undefined && !headers.has('authorization')) headers.set('authorization', `Basic ${base64(credentials)}`);
    const sendsBody = tool.config.body !== undefined && method !== 'GET' && method !== 'HEAD';
    const body = sendsBody ? encodeBody(await templateDeep(ctx, tool.config.body, args, field('body')), 'json', headers) : undefined;
    return fetchResult(ctx, method, url.href, headers, body);
  },
};

async function fetchResult(ctx: ToolContext, method: string, url: string, headers: Headers, body: string | undefined) {
  const started = ctx.clock.now();
  let response: Response;
  let text: string;
  try {
    response = await ctx.http.fetch(url, { method, headers, ...(body === undefined ? {} : { body }), signal: ctx.signal });
    text = await response.text();
  } catch (error) {
    if (ctx.signal.aborted) throw ctx.signal.reason;
    // The workspace policy refused it (OPR-264): not a network failure, and never retried.
    if (error instanceof OperonError && error.code === 'OPR-264') throw error;
    const cause = (error as { cause?: unknown }).cause;
    const reason = cause instanceof Error ? cause.message : error instanceof Error ? error.message : String(error);
    throw new OperonError('OPR-108', `${method} ${url} could not connect: ${reason}`, { cause: error });
  }
  ctx.log('debug', `${method} ${url} ${response.status} in ${ctx.clock.now() - started} ms`, { method, url, status: response.status });
  const { text: kept, note } = truncateText(text);
  const status = response.status;
  let decoded: unknown = kept;
  if (note === undefined) {
    try {
      decoded = decodeBody(text, response.headers.get('content-type'), 'auto', url, status);
    } catch {
      decoded = text; // a JSON content type with a body that is not JSON: the model gets the text
    }
  }
  return { status, body: decoded, ...(note === undefined ? {} : { note }) };
}

/** Template problems in every string of a JSON body. */
function checkBodyTemplates(path: string, value: unknown): ConfigProblem[] {
  if (typeof value === 'string') return checkTemplate(path, value);
  if (Array.isArray(value)) return value.flatMap((item, index) => checkBodyTemplates(`${path}.${index}`, item));
  if (isPlainObject(value)) return Object.entries(value).flatMap(([key, item]) => checkBodyTemplates(`${path}.${key}`, item));
  return [];
}
