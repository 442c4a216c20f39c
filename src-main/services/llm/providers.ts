import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { OperonError } from '../../../src-shared/errors/operon-error.ts';
import { describeJsonError } from '../../../src-shared/workflow/parse.ts';
import { formatPath } from '../../../src-shared/workflow/problem-path.ts';

/** How a person adds a provider: the end of every OPR-120 message. */
export const HOW_TO_ADD_A_PROVIDER =
  'Set OPENAI_API_KEY for OpenAI, add the provider to providers.json in the workspace folder, ' +
  'or set OPERON_PROVIDER_<NAME>_BASE_URL (e.g. OPERON_PROVIDER_OLLAMA_BASE_URL=http://127.0.0.1:11434/v1).';

const NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/**
 * One model provider speaking the OpenAI Chat Completions API (OpenAI, Ollama, LM Studio, vLLM…).
 * The file holds no key: `apiKeySecret` or `apiKeyEnv` names where the key is read from.
 */
export const ProviderConfigSchema = z
  .strictObject(
    {
      /** How requests and workflows name the provider: lower-case letters, digits, `-` and `_`. */
      name: z.string().regex(NAME, 'must be 1-64 lower-case letters, digits, "-" or "_", starting with a letter or digit'),
      /** The API root, ending before `/chat/completions` (e.g. `https://api.openai.com/v1`). */
      baseUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL, e.g. http://127.0.0.1:11434/v1' }),
      /** The name of the Operon secret holding the key (its value comes from `OPERON_SECRET_<NAME>`). */
      apiKeySecret: z.string().min(1).optional(),
      /** The environment variable holding the key, e.g. `OPENAI_API_KEY`. */
      apiKeyEnv: z.string().min(1).optional(),
      /** Where `maxTokens` goes: OpenAI's newer models take only `max_completion_tokens`. */
      maxTokensParam: z.enum(['max_tokens', 'max_completion_tokens']).default('max_tokens'),
      /** How long one request may wait for its answer (for a stream: for each piece of it). */
      timeoutMs: z.int().positive().default(120_000),
      /** Extra headers sent with every request. Not secret: the key goes through apiKeySecret or apiKeyEnv. */
      headers: z
        .record(z.string().regex(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/, 'must be a valid HTTP header name'), z.string())
        .refine((headers) => !Object.keys(headers).some((name) => name.toLowerCase() === 'authorization'), {
          error: 'do not put the Authorization header here: name the key with apiKeySecret or apiKeyEnv',
        })
        .default({}),
      /** The models the provider offers, for the editor (informational: any model name is sent as given). */
      models: z.array(z.string()).default([]),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? `unknown field${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((key) => `"${key}"`).join(', ')} (an API key never goes in this file: name it with apiKeySecret or apiKeyEnv)`
          : undefined,
    },
  )
  .refine((provider) => provider.apiKeySecret === undefined || provider.apiKeyEnv === undefined, {
    error: 'give apiKeySecret or apiKeyEnv, not both',
    path: ['apiKeyEnv'],
  });
export type ProviderConfig = z.output<typeof ProviderConfigSchema>;

/** `<workspace>/providers.json`. */
export const ProvidersFileSchema = z.object({
  providers: z.array(ProviderConfigSchema).superRefine((providers, context) => {
    const seen = new Set<string>();
    providers.forEach((provider, index) => {
      if (seen.has(provider.name))
        context.addIssue({ code: 'custom', message: `"${provider.name}" is listed twice`, path: [index, 'name'] });
      seen.add(provider.name);
    });
  }),
});

/** The file that configures a workspace's providers. */
export const PROVIDERS_FILE = 'providers.json';

/**
 * The workspace's model providers, later sources replacing earlier ones of the same name:
 * 1. `<workspaceRoot>/providers.json`, when it exists;
 * 2. `openai` when `OPENAI_API_KEY` is set (at `OPENAI_BASE_URL`, else `https://api.openai.com/v1`; with the
 *    `OPENAI_ORG_ID` and `OPENAI_PROJECT_ID` headers when those are set);
 * 3. `<name>` for each `OPERON_PROVIDER_<NAME>_BASE_URL`, keyed by `OPERON_PROVIDER_<NAME>_API_KEY` when that is set.
 * Nothing is configured by default, so no request is sent anywhere until someone configures a provider.
 * Empty variables count as unset. A bad file or variable is OPR-120 naming it and the field at fault.
 */
export async function loadProviders(options: { workspaceRoot: string; env: NodeJS.ProcessEnv }): Promise<ProviderConfig[]> {
  return withEnvProviders(await readProvidersFile(path.join(options.workspaceRoot, PROVIDERS_FILE)), options.env);
}

/**
 * The providers of a workspace's providers.json (from {@link readProvidersFile}) with those the environment adds or
 * replaces, as {@link loadProviders} lists them; synchronous, so a transport can redo it when the environment changes.
 */
export function withEnvProviders(fileProviders: readonly ProviderConfig[], env: NodeJS.ProcessEnv): ProviderConfig[] {
  const merged = new Map<string, ProviderConfig>();
  const add = (provider: ProviderConfig): void => {
    merged.delete(provider.name); // keep the order of the source that won
    merged.set(provider.name, provider);
  };

  for (const provider of fileProviders) add(provider);

  if (isSet(env.OPENAI_API_KEY)) {
    add(
      fromEnv('OPENAI_BASE_URL', {
        name: 'openai',
        baseUrl: isSet(env.OPENAI_BASE_URL) ? env.OPENAI_BASE_URL : 'https://api.openai.com/v1',
        apiKeyEnv: 'OPENAI_API_KEY',
        maxTokensParam: 'max_completion_tokens',
        // The SDK would read these itself; the transport tells it not to, so no other provider is sent them.
        headers: {
          ...(isSet(env.OPENAI_ORG_ID) ? { 'OpenAI-Organization': env.OPENAI_ORG_ID } : {}),
          ...(isSet(env.OPENAI_PROJECT_ID) ? { 'OpenAI-Project': env.OPENAI_PROJECT_ID } : {}),
        },
      }),
    );
  }

  for (const variable of Object.keys(env).sort()) {
    const match = /^OPERON_PROVIDER_(.+)_BASE_URL$/.exec(variable);
    const baseUrl = env[variable];
    if (match?.[1] === undefined || !isSet(baseUrl)) continue;
    const keyVariable = `OPERON_PROVIDER_${match[1]}_API_KEY`;
    add(fromEnv(variable, { name: match[1].toLowerCase(), baseUrl, ...(isSet(env[keyVariable]) ? { apiKeyEnv: keyVariable } : {}) }));
  }
  return [...merged.values()];
}

/**
 * The `apiKey` function for the transport: reads each provider's key from its secret or environment variable, and
 * hands keys read from the environment to the secret service so they are redacted like secrets.
 */
export function providerApiKeys(options: {
  env: NodeJS.ProcessEnv;
  secrets: { get(name: string): string | undefined; adopt(name: string, value: string): void };
}): (provider: ProviderConfig) => string | undefined {
  return (provider) => {
    if (provider.apiKeySecret !== undefined) return options.secrets.get(provider.apiKeySecret);
    if (provider.apiKeyEnv === undefined) return undefined;
    const value = options.env[provider.apiKeyEnv];
    if (!isSet(value)) return undefined;
    options.secrets.adopt(provider.apiKeyEnv, value);
    return value;
  };
}

/** The providers `file` (a workspace's providers.json) lists; none when it does not exist. A bad file is OPR-120. */
export async function readProvidersFile(file: string): Promise<ProviderConfig[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new OperonError('OPR-120', `${file}: ${(error as Error).message}`, { details: { file } });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new OperonError('OPR-120', `${file}: ${describeJsonError(text, error)}`, { details: { file } });
  }
  const parsed = ProvidersFileSchema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${formatPath(issue.path) || '(top level)'}: ${issue.message}`);
    throw new OperonError('OPR-120', `${file}: ${problems.join('; ')}`, { details: { file } });
  }
  return parsed.data.providers;
}

/** A provider built from environment variables; a bad value is OPR-120 naming the variable (never its value: it may hold a key). */
function fromEnv(variable: string, input: z.input<typeof ProviderConfigSchema>): ProviderConfig {
  const parsed = ProviderConfigSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
  throw new OperonError('OPR-120', `Environment variable ${variable} does not configure a provider: ${problems.join('; ')}`, {
    details: { variable },
  });
}

function isSet(value: string | undefined): value is string {
  return value !== undefined && value !== '';
}
