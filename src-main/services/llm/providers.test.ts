import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSecretService } from '../secrets.ts';
import { tempDir } from '../test-support.ts';
import { loadProviders, providerApiKeys, ProviderConfigSchema } from './providers.ts';

async function workspace(providersJson?: unknown): Promise<string> {
  const root = await tempDir();
  if (providersJson !== undefined) {
    const text = typeof providersJson === 'string' ? providersJson : JSON.stringify(providersJson, null, 2);
    await writeFile(path.join(root, 'providers.json'), text);
  }
  return root;
}

const defaults = { maxTokensParam: 'max_tokens', timeoutMs: 120_000, headers: {}, models: [] };

describe('loadProviders', () => {
  it('configures nothing by default', async () => {
    expect(await loadProviders({ workspaceRoot: await workspace(), env: { PATH: '/usr/bin', OPENAI_API_KEY: '' } })).toEqual([]);
  });

  it('reads providers.json and fills in the defaults', async () => {
    const root = await workspace({
      providers: [
        { name: 'ollama', baseUrl: 'http://127.0.0.1:11434/v1', models: ['llama3.2'] },
        { name: 'vllm', baseUrl: 'https://llm.example.com/v1', apiKeySecret: 'vllm_key', timeoutMs: 5000, headers: { 'x-team': 'a' } },
      ],
    });
    expect(await loadProviders({ workspaceRoot: root, env: {} })).toEqual([
      { ...defaults, name: 'ollama', baseUrl: 'http://127.0.0.1:11434/v1', models: ['llama3.2'] },
      {
        ...defaults,
        name: 'vllm',
        baseUrl: 'https://llm.example.com/v1',
        apiKeySecret: 'vllm_key',
        timeoutMs: 5000,
        headers: { 'x-team': 'a' },
      },
    ]);
  });

  it('adds openai from OPENAI_API_KEY and providers from OPERON_PROVIDER_<NAME>_BASE_URL, the environment winning by name', async () => {
    const root = await workspace({
      providers: [
        { name: 'ollama', baseUrl: 'http://127.0.0.1:1/v1', models: ['from-file'] },
        { name: 'openai', baseUrl: 'http://127.0.0.1:2/v1' },
        { name: 'kept', baseUrl: 'http://127.0.0.1:3/v1' },
      ],
    });
    const providers = await loadProviders({
      workspaceRoot: root,
      env: {
        OPENAI_API_KEY: 'sk-1234',
        OPENAI_ORG_ID: 'org-1',
        OPERON_PROVIDER_OLLAMA_BASE_URL: 'http://127.0.0.1:11434/v1',
        OPERON_PROVIDER_LM_STUDIO_BASE_URL: 'http://127.0.0.1:1234/v1',
        OPERON_PROVIDER_LM_STUDIO_API_KEY: 'lm-key',
        OPERON_PROVIDER_EMPTY_BASE_URL: '',
      },
    });
    expect(providers).toEqual([
      { ...defaults, name: 'kept', baseUrl: 'http://127.0.0.1:3/v1' },
      {
        ...defaults,
        name: 'openai',
        baseUrl: 'https://api.openai.com/v1',
        apiKeyEnv: 'OPENAI_API_KEY',
        maxTokensParam: 'max_completion_tokens',
        headers: { 'OpenAI-Organization': 'org-1' },
      },
      { ...defaults, name: 'lm_studio', baseUrl: 'http://127.0.0.1:1234/v1', apiKeyEnv: 'OPERON_PROVIDER_LM_STUDIO_API_KEY' },
      { ...defaults, name: 'ollama', baseUrl: 'http://127.0.0.1:11434/v1' },
    ]);
  });

  it('points openai at OPENAI_BASE_URL when it is set', async () => {
    const [openai] = await loadProviders({
      workspaceRoot: await workspace(),
      env: { OPENAI_API_KEY: 'sk-1234', OPENAI_BASE_URL: 'http://127.0.0.1:8080/v1' },
    });
    expect(openai).toMatchObject({ name: 'openai', baseUrl: 'http://127.0.0.1:8080/v1' });
  });

  it('names the file and the line of invalid JSON', async () => {
    const root = await workspace('{\n  "providers": [\n    { "name": "x", }\n  ]\n}');
    const error = loadProviders({ workspaceRoot: root, env: {} });
    await expect(error).rejects.toMatchObject({ code: 'OPR-120' });
    await expect(error).rejects.toThrow(`${path.join(root, 'providers.json')}: invalid JSON at line 3`);
  });

  it.each([
    ['a bad base URL', { name: 'x', baseUrl: 'ftp://host/v1' }, 'providers[1].baseUrl'],
    ['an upper-case name', { name: 'Ollama', baseUrl: 'http://127.0.0.1:1/v1' }, 'providers[1].name'],
    [
      'a key written into the file',
      { name: 'x', baseUrl: 'http://127.0.0.1:1/v1', apiKey: 'sk-oops' },
      'providers[1]: unknown field "apiKey" (an API key never goes in this file',
    ],
    [
      'an Authorization header',
      { name: 'x', baseUrl: 'http://127.0.0.1:1/v1', headers: { Authorization: 'Bearer a' } },
      'providers[1].headers',
    ],
    ['a bad header name', { name: 'x', baseUrl: 'http://127.0.0.1:1/v1', headers: { 'x team': 'a' } }, 'providers[1].headers.x team'],
    ['two key sources', { name: 'x', baseUrl: 'http://127.0.0.1:1/v1', apiKeyEnv: 'A', apiKeySecret: 'b' }, 'providers[1].apiKeyEnv'],
    ['an unknown maxTokensParam', { name: 'x', baseUrl: 'http://127.0.0.1:1/v1', maxTokensParam: 'tokens' }, 'providers[1].maxTokensParam'],
  ])('names the file and the path of %s', async (_, provider, problem) => {
    const root = await workspace({ providers: [{ name: 'fine', baseUrl: 'http://127.0.0.1:9/v1' }, provider] });
    const error = loadProviders({ workspaceRoot: root, env: {} });
    await expect(error).rejects.toMatchObject({ code: 'OPR-120' });
    await expect(error).rejects.toThrow(path.join(root, 'providers.json'));
    await expect(error).rejects.toThrow(problem);
    await expect(error).rejects.not.toThrow('sk-oops');
  });

  it('refuses a provider listed twice in the file, and a file without providers', async () => {
    const twice = await workspace({ providers: [1, 2].map(() => ({ name: 'x', baseUrl: 'http://127.0.0.1:1/v1' })) });
    await expect(loadProviders({ workspaceRoot: twice, env: {} })).rejects.toThrow('providers[1].name: "x" is listed twice');
    await expect(loadProviders({ workspaceRoot: await workspace({}), env: {} })).rejects.toThrow('providers: ');
  });

  it('names the variable, never its value, when the environment configures a provider badly', async () => {
    const root = await workspace();
    await expect(loadProviders({ workspaceRoot: root, env: { OPERON_PROVIDER_X_BASE_URL: 'not a url sk-secret' } })).rejects.toThrow(
      /^Environment variable OPERON_PROVIDER_X_BASE_URL does not configure a provider: baseUrl: (?!.*sk-secret)/,
    );
    await expect(
      loadProviders({ workspaceRoot: root, env: { 'OPERON_PROVIDER_B@D_BASE_URL': 'http://127.0.0.1/v1' } }),
    ).rejects.toMatchObject({
      code: 'OPR-120',
      message: expect.stringContaining('name: must be 1-64 lower-case'),
    });
  });
});

describe('providerApiKeys', () => {
  it('reads the key from the secret or the variable, and has keys read from the environment redacted', () => {
    const env = { OPENAI_API_KEY: 'sk-from-env-1234', OPERON_SECRET_VLLM_KEY: 'vllm-secret-5678', EMPTY: '' };
    const secrets = createSecretService(env);
    const apiKey = providerApiKeys({ env, secrets });
    const provider = (fields: object) => ProviderConfigSchema.parse({ name: 'p', baseUrl: 'http://127.0.0.1/v1', ...fields });

    expect(secrets.redact('sk-from-env-1234')).toBe('sk-from-env-1234');
    expect(apiKey(provider({ apiKeyEnv: 'OPENAI_API_KEY' }))).toBe('sk-from-env-1234');
    expect(apiKey(provider({ apiKeySecret: 'vllm_key' }))).toBe('vllm-secret-5678');
    expect(apiKey(provider({ apiKeyEnv: 'EMPTY' }))).toBeUndefined();
    expect(apiKey(provider({}))).toBeUndefined();
    expect(secrets.redact('a sk-from-env-1234 b vllm-secret-5678')).toBe('a [secret:OPENAI_API_KEY] b [secret:VLLM_KEY]');
  });
});
