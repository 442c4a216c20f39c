import { APIConnectionTimeoutError, OpenAI } from 'openai';
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { OperonError } from '../../../src-shared/errors/operon-error.ts';
import type { ChatOptions, ChatRequest, ChatResponse, LlmTransport } from '../../../src-shared/llm/types.ts';
import { secretVariable } from '../secrets.ts';
import { readCompletion, StreamAssembler } from './chat-answer.ts';
import { toChatParams } from './chat-params.ts';
import { toProviderError } from './provider-errors.ts';
import { HOW_TO_ADD_A_PROVIDER, type ProviderConfig } from './providers.ts';

export interface OpenAiTransportOptions {
  providers: ProviderConfig[];
  /** The provider's API key, or undefined when it has none (see `providerApiKeys`). Asked when the provider is first used. */
  apiKey: (provider: ProviderConfig) => string | undefined;
  /** The fetch the SDK uses (default: the global one). */
  fetch?: typeof fetch;
}

/** The key sent to a provider configured without one: local servers ignore it, and the SDK insists on a key. */
export const NO_API_KEY = 'not-needed';

const HTTP_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** One SDK client per provider, with the key it was made with (to keep it out of error messages). */
interface Connection {
  provider: ProviderConfig;
  client: OpenAI;
  apiKey: string | undefined;
}

/**
 * The model transport on Node: the Chat Completions API through the `openai` SDK, for any provider that speaks it.
 * The SDK never retries (`maxRetries: 0`: the engine retries and logs each attempt) and takes nothing from the
 * environment (no OPENAI_ORG_ID, OPENAI_CUSTOM_HEADERS…: the provider config says everything). Streams when the caller
 * passes `onDelta`. See {@link LlmTransport} for the errors.
 */
export function createOpenAiTransport(options: OpenAiTransportOptions): LlmTransport {
  const providers = new Map(options.providers.map((provider) => [provider.name, provider]));
  const connections = new Map<string, Connection>();

  const connect = (provider: ProviderConfig): Connection => {
    const known = connections.get(provider.name);
    if (known !== undefined) return known;
    const apiKey = options.apiKey(provider);
    if (apiKey === undefined && (provider.apiKeySecret !== undefined || provider.apiKeyEnv !== undefined)) throw missingKey(provider);
    const client = createSdkClient(provider, apiKey, options.fetch);
    const connection = { provider, client, apiKey };
    connections.set(provider.name, connection);
    return connection;
  };

  return {
    providers: () => [...providers.keys()],
    async chat(request, { signal, onDelta, onKey }) {
      signal.throwIfAborted();
      const provider = providers.get(request.provider);
      if (provider === undefined) throw noSuchProvider(request.provider, [...providers.keys()]);
      const connection = connect(provider);
      const keyName = provider.apiKeySecret ?? provider.apiKeyEnv;
      if (connection.apiKey !== undefined && keyName !== undefined) onKey?.(keyName, connection.apiKey);
      const params = toChatParams(request, provider);
      return onDelta === undefined
        ? completeChat(connection, params, request, signal)
        : streamChat(connection, params, request, { signal, onDelta });
    },
  };
}

async function completeChat(
  { client, provider, apiKey }: Connection,
  params: ChatCompletionCreateParamsNonStreaming,
  request: ChatRequest,
  signal: AbortSignal,
): Promise<ChatResponse> {
  try {
    const raw: unknown = await client.chat.completions.create(params, { signal });
    return readCompletion(raw, request.model, provider.name);
  } catch (error) {
    signal.throwIfAborted();
    throw toProviderError(error, provider, apiKey);
  }
}

/**
 * Streams the answer, passing each text delta to `onDelta` as it arrives. The SDK's timeout covers the wait for the
 * response headers only, so here `timeoutMs` also bounds each wait for the next chunk: a provider that goes quiet
 * mid-answer fails as a retryable timeout instead of hanging the node.
 */
async function streamChat(
  { client, provider, apiKey }: Connection,
  params: ChatCompletionCreateParamsNonStreaming,
  request: ChatRequest,
  { signal, onDelta }: Required<Pick<ChatOptions, 'signal' | 'onDelta'>>,
): Promise<ChatResponse> {
  const quiet = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const restartQuietTimer = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => quiet.abort(), provider.timeoutMs);
  };
  /** Set when the caller's own onDelta threw: that error goes back to the caller as it is. */
  let callbackFailure: { error: unknown } | undefined;
  try {
    const stream = await client.chat.completions.create(
      { ...params, stream: true, stream_options: { include_usage: true } },
      { signal: AbortSignal.any([signal, quiet.signal]) },
    );
    restartQuietTimer();
    const answer = new StreamAssembler(request.model, provider.name);
    for await (const chunk of stream) {
      // An abort ends the SDK's stream quietly (no error), so both aborts are checked again after the loop.
      if (signal.aborted || quiet.signal.aborted) break;
      restartQuietTimer();
      const text = answer.add(chunk);
      if (text === '') continue;
      try {
        onDelta(text);
      } catch (error) {
        callbackFailure = { error };
        throw error; // leaving the loop closes the stream and aborts the request
      }
    }
    signal.throwIfAborted();
    if (quiet.signal.aborted) throw new APIConnectionTimeoutError();
    return answer.finish();
  } catch (error) {
    if (callbackFailure !== undefined) throw callbackFailure.error;
    signal.throwIfAborted();
    throw toProviderError(quiet.signal.aborted ? new APIConnectionTimeoutError() : error, provider, apiKey);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * An SDK client for one provider, for chat and embeddings alike: no retries of its own (the callers retry and log
 * each attempt), nothing read from the environment (the provider config says everything), no console logging.
 */
export function createSdkClient(provider: ProviderConfig, apiKey: string | undefined, fetchImpl?: typeof fetch): OpenAI {
  return new OpenAI({
    apiKey: apiKey ?? NO_API_KEY,
    baseURL: provider.baseUrl,
    organization: null,
    project: null,
    adminAPIKey: null,
    webhookSecret: null,
    maxRetries: 0,
    timeout: provider.timeoutMs,
    defaultHeaders: { ...unsetEnvHeaders(), ...provider.headers },
    logLevel: 'off',
    ...(fetchImpl === undefined ? {} : { fetch: fetchImpl }),
  });
}

/**
 * The SDK adds the headers listed in OPENAI_CUSTOM_HEADERS to every request of every client, whatever its base URL;
 * they may hold a gateway's token meant for OpenAI only. A null default header makes the SDK leave that header out.
 */
function unsetEnvHeaders(): Record<string, null> {
  const unset: Record<string, null> = {};
  for (const line of (process.env.OPENAI_CUSTOM_HEADERS ?? '').split('\n')) {
    const name = line.slice(0, Math.max(0, line.indexOf(':'))).trim();
    if (HTTP_TOKEN.test(name)) unset[name] = null;
  }
  return unset;
}

function noSuchProvider(name: string, configured: string[]): OperonError {
  const which = configured.length === 0 ? 'no provider is configured' : `configured: ${configured.join(', ')}`;
  return new OperonError('OPR-120', `No model provider "${name}" (${which}). ${HOW_TO_ADD_A_PROVIDER}`, {
    details: { provider: name, configured },
  });
}

function missingKey(provider: ProviderConfig): OperonError {
  const where =
    provider.apiKeySecret === undefined
      ? `the environment variable ${provider.apiKeyEnv}`
      : `the secret ${provider.apiKeySecret} (environment variable ${secretVariable(provider.apiKeySecret)})`;
  return new OperonError('OPR-120', `Provider "${provider.name}" takes its API key from ${where}, which is not set.`, {
    details: { provider: provider.name },
  });
}
