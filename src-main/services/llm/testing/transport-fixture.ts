import { onTestFinished } from 'vitest';
import type { LlmTransport } from '../../../../src-shared/llm/types.ts';
import { createOpenAiTransport } from '../openai-transport.ts';
import { type ProviderConfig, ProviderConfigSchema } from '../providers.ts';
import { type FakeOpenAi, startFakeOpenAi } from './fake-openai-server.ts';

/**
 * A fake OpenAI server and a transport with one provider, `fake`, pointing at it; the server closes when the test
 * finishes. `onKey` sees each time the transport asks for the provider's key.
 */
export async function startTransport(
  overrides: Partial<ProviderConfig> = {},
  apiKey?: string,
  onKey?: (provider: ProviderConfig) => void,
): Promise<{ server: FakeOpenAi; transport: LlmTransport; provider: ProviderConfig }> {
  const server = await startFakeOpenAi();
  onTestFinished(() => server.close());
  const provider = ProviderConfigSchema.parse({
    name: 'fake',
    baseUrl: server.url,
    ...(apiKey === undefined ? {} : { apiKeyEnv: 'FAKE_API_KEY' }),
    ...overrides,
  });
  const transport = createOpenAiTransport({
    providers: [provider],
    apiKey: (asked) => {
      onKey?.(asked);
      return apiKey;
    },
  });
  return { server, transport, provider };
}
