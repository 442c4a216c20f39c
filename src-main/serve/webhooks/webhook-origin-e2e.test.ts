import { describe, expect, it } from 'vitest';
import { writePolicy } from '../../services/policy/policy-file.ts';
import { errorOf, hookWorkflow, SECRET, serveHooks } from './testing/hook-server.ts';

// The workspace policy's webhooks.allowedOrigins over loopback: a real server and host, runs counted in its runs folder.

const post = (headers: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', 'x-operon-token': SECRET, ...headers },
  body: JSON.stringify({ order: 1 }),
});

describe('webhooks: allowed origins', () => {
  it('refuses a request whose Origin the policy does not list (403, no run), and takes a listed one or none', async () => {
    const hooks = await serveHooks();
    await hooks.listen(hookWorkflow('orders'));
    await writePolicy(hooks.host.paths.root, { webhooks: { allowedOrigins: ['https://shop.example.com'] } });

    const refused = await fetch(hooks.url('orders', 'orders'), post({ origin: 'https://evil.example.net' }));
    expect(refused.status).toBe(403);
    expect(await errorOf(refused)).toEqual({
      code: 'OPR-266',
      message: "the origin https://evil.example.net is not allowed to call this webhook (the workspace policy's webhooks.allowedOrigins)",
    });
    expect(hooks.dispatcher.fired).toHaveLength(0);

    expect((await fetch(hooks.url('orders', 'orders'), post({ origin: 'https://shop.example.com' }))).status).toBe(202);
    // A server-to-server call sends no Origin: the policy does not apply to it.
    expect((await fetch(hooks.url('orders', 'orders'), post({}))).status).toBe(202);
    expect(hooks.dispatcher.fired).toHaveLength(2);
  });
});
