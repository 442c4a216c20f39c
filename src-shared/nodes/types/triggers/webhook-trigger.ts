import { z } from 'zod';
import { WEBHOOK_PATH_PATTERN } from '../../../triggers/webhook.ts';
import { defineNodeType } from '../../define-node-type.ts';
import { port } from '../../ports.ts';
import { firedWith } from './trigger-payload.ts';

const MIB = 1024 * 1024;

/** What a Webhook trigger emits: the request, without the headers that authenticated it. */
export interface WebhookPayload {
  method: 'GET' | 'POST';
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  /** JSON as parsed, a form as an object of fields, anything else as text. */
  body: unknown;
  contentType: string;
  receivedAt: string;
}

/**
 * Starts the workflow when `/hooks/<workspace>/<workflow>/<path>` is called on the serving host, while it is active.
 * The caller proves it knows a secret of the workspace: a token in a header, or an HMAC-SHA256 signature of a timestamp
 * and the raw body (stale or replayed requests refused). It is answered at once (202 and the run id) or with an output.
 */
export const webhookTrigger = defineNodeType({
  type: 'core.webhook-trigger',
  version: 1,
  kind: 'trigger',
  title: 'Webhook',
  category: 'Triggers',
  description: 'Starts the workflow when its URL is called (POST or GET), authenticated by a token or a signature.',
  icon: 'webhook',
  summary: [{ field: ['method', 'path'] }],
  config: z.object({
    path: z
      .string()
      .regex(WEBHOOK_PATH_PATTERN, 'a path of letters, digits, "_", "-" and "." in at most 8 parts separated by "/"')
      .default('incoming')
      .describe('The end of the URL: /hooks/<workspace>/<workflow>/<path>.'),
    method: z.enum(['POST', 'GET']).default('POST').describe('The HTTP method callers use.').meta({ ui: 'select' }),
    auth: z
      .enum(['token', 'hmac'])
      .default('token')
      .describe(
        'token: the caller sends the secret in an X-Operon-Token header (or Authorization: Bearer); hmac: it signs "<timestamp>.<body>" with it (X-Operon-Timestamp, X-Operon-Signature: sha256=<hex>).',
      )
      .meta({ ui: 'select' }),
    secret: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a secret name: letters, digits and "_"')
      .default('WEBHOOK_TOKEN')
      .describe("The name of the workspace's secret the caller must know (OPERON_SECRET_<NAME> or the secrets store)."),
    maxBodyBytes: z
      .int()
      .min(1)
      .max(16 * MIB)
      .default(MIB)
      .describe('The largest body taken, in bytes; a larger one is refused with 413.'),
    respond: z
      .enum(['immediately', 'whenDone'])
      .default('immediately')
      .describe('immediately: 202 with the run id; whenDone: wait for the run and reply with its output.')
      .meta({ ui: 'select' }),
    responseOutput: z
      .string()
      .default('')
      .describe('With whenDone: the name of the Output node whose value is the reply (empty: every output, by name).')
      .meta({ when: { respond: ['whenDone'] } }),
    responseTimeoutMs: z
      .int()
      .min(100)
      .max(300_000)
      .default(30_000)
      .describe('With whenDone: how long to wait; a run still going then is answered 202 with its id.')
      .meta({ when: { respond: ['whenDone'] } }),
  }),
  inputs: {},
  outputs: { out: port('object', { description: '{ method, path, query, headers, body, contentType, receivedAt }' }) },
  run: (ctx) =>
    Promise.resolve({
      out: firedWith<WebhookPayload>(ctx, () => ({
        method: ctx.config.method,
        path: ctx.config.path,
        query: {},
        headers: {},
        body: ctx.run.inputs,
        contentType: 'application/json',
        receivedAt: new Date(ctx.clock.now()).toISOString(),
      })),
    }),
});
