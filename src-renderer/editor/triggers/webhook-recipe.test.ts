import { describe, expect, it } from 'vitest';
import { curlExample, webhookSpecOf, webhookUrl } from './webhook-recipe.ts';
import { hasServiceTrigger, serviceTriggerKind, triggerKind } from './trigger-kinds.ts';
import { formatBytes, listeningSummary, withFiring } from './firing-labels.ts';
import type { Firing } from '../../../src-shared/triggers/service-schemas.ts';

describe('the webhook recipe', () => {
  const url = webhookUrl('http://127.0.0.1:4000', 'default', 'leads', 'incoming/crm');

  it('builds the URL the server routes', () => {
    expect(url).toBe('http://127.0.0.1:4000/hooks/default/leads/incoming/crm');
  });

  it('sends the token header, read from the variable Operon reads the secret from', () => {
    const curl = curlExample(url, webhookSpecOf({ secret: 'CRM_TOKEN' }));
    expect(curl).toContain(`curl -X POST '${url}'`);
    expect(curl).toContain('-H "X-Operon-Token: $OPERON_SECRET_CRM_TOKEN"');
    expect(curl).toContain(`--data '{"hello":"world"}'`);
  });

  it('signs "<timestamp>.<body>" with HMAC-SHA256 for auth hmac', () => {
    const curl = curlExample(url, webhookSpecOf({ auth: 'hmac' }));
    expect(curl).toContain(`printf '%s.%s' "$TS" "$BODY" | openssl dgst -sha256 -hmac "$OPERON_SECRET_WEBHOOK_TOKEN"`);
    expect(curl).toContain('-H "X-Operon-Signature: sha256=$SIG"');
    expect(curl).not.toContain('X-Operon-Token');
  });

  it('sends no body with GET', () => {
    const curl = curlExample(url, webhookSpecOf({ method: 'GET' }));
    expect(curl.startsWith(`curl '${url}'`)).toBe(true);
    expect(curl).not.toContain('--data');
  });
});

describe('trigger labels', () => {
  it('names what started a run, and which node types the service listens for', () => {
    expect(triggerKind('api').label).toBe('API');
    expect(triggerKind('webhook')).toEqual({ label: 'webhook', icon: 'webhook' });
    expect(triggerKind('something-new').label).toBe('something-new');
    expect(serviceTriggerKind('core.schedule-trigger')).toBe('schedule');
    expect(serviceTriggerKind('core.manual-trigger')).toBeUndefined();
    expect(hasServiceTrigger(['core.manual-trigger', 'core.transform'])).toBe(false);
    expect(hasServiceTrigger(['core.manual-trigger', 'core.file-watch-trigger'])).toBe(true);
  });

  it('sizes payloads in words', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(3482)).toBe('3.4 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB');
  });

  it('keeps the log newest first, replacing a queued firing when its run starts', () => {
    const firing = (id: string, at: number, extra: Partial<Firing> = {}): Firing => ({
      id,
      at,
      workflowId: 'w',
      nodeId: 'hook',
      kind: 'webhook',
      payloadBytes: 10,
      outcome: 'queued',
      ...extra,
    });
    let log = withFiring([], firing('a', 1), 10);
    log = withFiring(log, firing('b', 2), 10);
    expect(log.map((f) => f.id)).toEqual(['b', 'a']);
    log = withFiring(log, firing('a', 1, { outcome: 'started', runId: 'run-1' }), 10);
    expect(log.map((f) => [f.id, f.outcome])).toEqual([
      ['b', 'queued'],
      ['a', 'started'],
    ]);
    expect(withFiring(log, firing('b', 2), 10)).toHaveLength(2);
    expect(withFiring(log, firing('c', 3), 2).map((f) => f.id)).toEqual(['c', 'b']);
  });

  it('says what an active workflow listens for', () => {
    const lines = listeningSummary(
      {
        workflowId: 'w',
        active: true,
        running: 0,
        queued: 0,
        triggers: [
          { nodeId: 's', kind: 'schedule', label: 'Every morning', next: 0 },
          { nodeId: 'h', kind: 'webhook', label: 'Webhook', path: '/hooks/default/w/incoming' },
          { nodeId: 'f', kind: 'file', label: 'Inbox', folder: 'inbox', problem: 'cannot watch' },
        ],
      },
      () => '09:00',
    );
    expect(lines).toEqual(['Every morning: next 09:00', 'Webhook: /hooks/default/w/incoming', 'Inbox: cannot watch']);
  });
});
