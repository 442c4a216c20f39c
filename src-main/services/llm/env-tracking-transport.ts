import { createHash } from 'node:crypto';
import type { LlmTransport } from '../../../src-shared/llm/types.ts';
import { providerApiKeys, withEnvProviders, type ProviderConfig } from './providers.ts';

export interface EnvTrackingTransportOptions {
  /** The workspace's providers.json providers (read once, when the host starts). */
  fileProviders: readonly ProviderConfig[];
  /** The environment the providers and their keys are read from; it may change while the host runs. */
  env: NodeJS.ProcessEnv;
  secrets: { get(name: string): string | undefined; adopt(name: string, value: string): void };
  fetch?: typeof fetch;
}

/**
 * The model transport of a host whose environment can change while it runs: the desktop app sets and removes provider
 * keys in the engine process (engine-process/engine-env.ts). The OpenAI transport lists its providers and makes each
 * SDK client with its key once, so this one makes a new transport whenever the environment differs from the one the
 * current transport was made from: the next model call (of a new run or of one going on) uses the new key, a provider
 * that `OPENAI_API_KEY` adds appears, and one whose key was removed fails with OPR-120 naming the variable to set.
 * Nothing changes for the CLI and `operon serve`, whose environment stays as it was at launch. The providers are listed
 * without the SDK, which loads at the first model call.
 */
export function createEnvTrackingTransport(options: EnvTrackingTransportOptions): LlmTransport {
  let current: { fingerprint: string; providers: ProviderConfig[]; transport?: Promise<LlmTransport> } | undefined;
  const state = (): { providers: ProviderConfig[]; transport?: Promise<LlmTransport> } => {
    const fingerprint = envFingerprint(options.env);
    if (current?.fingerprint !== fingerprint) current = { fingerprint, providers: withEnvProviders(options.fileProviders, options.env) };
    return current;
  };
  /** The OpenAI SDK (about 0.3 s to load) loads at the first model call, so a run that calls no model never loads it. */
  const transport = (now: { providers: ProviderConfig[]; transport?: Promise<LlmTransport> }): Promise<LlmTransport> =>
    (now.transport ??= import('./openai-transport.ts').then(({ createOpenAiTransport }) =>
      createOpenAiTransport({
        providers: now.providers,
        apiKey: providerApiKeys({ env: options.env, secrets: options.secrets }),
        ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
      }),
    ));
  return {
    providers: () => state().providers.map((provider) => provider.name),
    chat: async (request, chatOptions) => (await transport(state())).chat(request, chatOptions),
  };
}

/** A digest of every variable and its value, so no copy of a key is kept beside the environment itself. */
function envFingerprint(env: NodeJS.ProcessEnv): string {
  const hash = createHash('sha256');
  for (const name of Object.keys(env).sort()) hash.update(`${name}\u0000${env[name] ?? ''}\u0000`);
  return hash.digest('base64');
}
