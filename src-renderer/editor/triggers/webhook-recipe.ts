import { webhookPath } from '../../../src-shared/triggers/webhook.ts';

/** What the webhook section needs of the node's config (fields left empty are its defaults). */
export interface WebhookSpec {
  path: string;
  method: 'POST' | 'GET';
  auth: 'token' | 'hmac';
  secret: string;
}

export function webhookSpecOf(config: Record<string, unknown>): WebhookSpec {
  return {
    path: typeof config.path === 'string' ? config.path : 'incoming',
    method: config.method === 'GET' ? 'GET' : 'POST',
    auth: config.auth === 'hmac' ? 'hmac' : 'token',
    secret: typeof config.secret === 'string' && config.secret !== '' ? config.secret : 'WEBHOOK_TOKEN',
  };
}

/** The hook's full URL on the host serving this editor. */
export function webhookUrl(origin: string, workspace: string, workflowId: string, path: string): string {
  return `${origin}${webhookPath(workspace, workflowId, path)}`;
}

/** The environment variable a secret is read from when it is not in the secrets store. */
export const secretVariable = (name: string) => `OPERON_SECRET_${name}`;

const SAMPLE_BODY = '{"hello":"world"}';

/**
 * A curl command a person can paste into a shell to call the hook, reading the secret from the variable Operon reads
 * it from: with auth token, the X-Operon-Token header; with auth hmac, the timestamp and the hex HMAC-SHA256 of
 * "<timestamp>.<body>" made with openssl.
 */
export function curlExample(url: string, spec: WebhookSpec): string {
  const secret = `"$${secretVariable(spec.secret)}"`;
  const post = spec.method === 'POST';
  const target = post ? `curl -X POST '${url}'` : `curl '${url}'`;
  const body = post ? [`-H 'Content-Type: application/json'`, `--data "$BODY"`] : [];
  if (spec.auth === 'token') {
    const lines = [
      target,
      `-H "X-Operon-Token: $${secretVariable(spec.secret)}"`,
      ...body.map((l) => l.replace('"$BODY"', `'${SAMPLE_BODY}'`)),
    ];
    return lines.join(' \\\n  ');
  }
  const request = [target, `-H "X-Operon-Timestamp: $TS"`, `-H "X-Operon-Signature: sha256=$SIG"`, ...body].join(' \\\n  ');
  return [
    `BODY='${post ? SAMPLE_BODY : ''}'`,
    'TS=$(date +%s)',
    `SIG=$(printf '%s.%s' "$TS" "$BODY" | openssl dgst -sha256 -hmac ${secret} | sed 's/^.* //')`,
    request,
  ].join('\n');
}
