import { describe, expect, it } from 'vitest';
import { parseWebhookConfig, type WebhookConfig } from './route-table.ts';

describe("the route table's view of a Webhook trigger's settings", () => {
  it('has exactly the fields the node type declares, with its defaults', () => {
    // WebhookConfig is written out by hand (the registry erases the schema's type): this fails when the two drift.
    const expected: WebhookConfig = {
      path: 'incoming',
      method: 'POST',
      auth: 'token',
      secret: 'WEBHOOK_TOKEN',
      maxBodyBytes: 1024 * 1024,
      respond: 'immediately',
      responseOutput: '',
      responseTimeoutMs: 30_000,
    };
    expect(parseWebhookConfig({})).toEqual({ ok: true, config: expected });
    expect(parseWebhookConfig({ path: '../etc' })).toEqual({ ok: false, problem: expect.stringContaining('a path of letters') });
  });
});
