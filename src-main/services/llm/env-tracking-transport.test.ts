import { describe, expect, it, onTestFinished } from 'vitest';
import type { ChatRequest } from '../../../src-shared/llm/types.ts';
import { createSecretService } from '../secrets.ts';
import { createEnvTrackingTransport } from './env-tracking-transport.ts';
import { ProviderConfigSchema } from './providers.ts';
import { startFakeOpenAi } from './testing/fake-openai-server.ts';

const signal = new AbortController().signal;
const ask = (provider: string): ChatRequest => ({ provider, model: 'gpt-test', messages: [{ role: 'user', content: 'hi' }] });

describe('createEnvTrackingTransport: the environment changes while the host runs', () => {
  it('uses a changed key on the next call, adds the openai provider when its key appears, and drops it when it goes', async () => {
    const server = await startFakeOpenAi();
    onTestFinished(() => server.close());
    const env: NodeJS.ProcessEnv = { OPENAI_BASE_URL: server.url };
    const transport = createEnvTrackingTransport({ fileProviders: [], env, secrets: createSecretService(env) });
    expect(transport.providers()).toEqual([]);
    await expect(transport.chat(ask('openai'), { signal })).rejects.toMatchObject({ code: 'OPR-120' });

    env.OPENAI_API_KEY = 'sk-first-key';
    expect(transport.providers()).toEqual(['openai']);
    await transport.chat(ask('openai'), { signal });
    env.OPENAI_API_KEY = 'sk-second-key';
    await transport.chat(ask('openai'), { signal });
    expect(server.requests.map((request) => request.headers.authorization)).toEqual(['Bearer sk-first-key', 'Bearer sk-second-key']);

    delete env.OPENAI_API_KEY;
    expect(transport.providers()).toEqual([]);
    await expect(transport.chat(ask('openai'), { signal })).rejects.toMatchObject({
      code: 'OPR-120',
      message: /No model provider "openai"/,
    });
  });

  it("reads a providers.json provider's key from the environment again, and says which variable to set once it is gone", async () => {
    const server = await startFakeOpenAi();
    onTestFinished(() => server.close());
    const local = ProviderConfigSchema.parse({ name: 'local', baseUrl: server.url, apiKeyEnv: 'LOCAL_API_KEY' });
    const env: NodeJS.ProcessEnv = { LOCAL_API_KEY: 'key-at-launch' };
    const transport = createEnvTrackingTransport({ fileProviders: [local], env, secrets: createSecretService(env) });
    await transport.chat(ask('local'), { signal });
    env.LOCAL_API_KEY = 'key-from-the-app';
    await transport.chat(ask('local'), { signal });
    expect(server.requests.map((request) => request.headers.authorization)).toEqual(['Bearer key-at-launch', 'Bearer key-from-the-app']);
    delete env.LOCAL_API_KEY;
    await expect(transport.chat(ask('local'), { signal })).rejects.toMatchObject({ code: 'OPR-120', message: /LOCAL_API_KEY/ });
  });
});
