import { describe, expect, it, onTestFinished } from 'vitest';
import { tempDir } from '../../services/test-support.ts';
import { createApiHandlers } from './api-handlers.ts';

// A secret stored or deleted through the API reaches the workspace's host that is already running (its next runs read
// it, its redaction hides it), without restarting the server.

describe('secrets through the API and the running host', () => {
  it('a host already started gets a secret set through the API, redacts it, and loses it when deleted', async () => {
    const dataDir = await tempDir();
    const handlers = createApiHandlers({ dataDir, env: { OPERON_USER: 'desk' } });
    onTestFinished(() => handlers.close());
    const connection = handlers.connect({ push: () => undefined, backlog: () => 0 });
    onTestFinished(() => connection.close());
    const host = await handlers.host!('acme');
    expect(host.secret('CRM_KEY')).toBeUndefined();

    const value = 'crm-value-0123456789abcdef';
    await connection.handle('secrets.set', { workspace: 'acme', name: 'crm_key', value });
    expect(host.secret('CRM_KEY')).toBe(value);
    expect(host.redact(`the key is ${value}`)).toBe('the key is [secret:CRM_KEY]');

    await connection.handle('secrets.delete', { workspace: 'acme', name: 'CRM_KEY' });
    expect(host.secret('CRM_KEY')).toBeUndefined();
    expect(host.redact(value)).toBe('[secret:CRM_KEY]');
  });
});
