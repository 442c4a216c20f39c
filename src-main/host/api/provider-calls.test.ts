import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { workspacePaths } from '../../services/data-dir.ts';
import type { ApiContext } from './call-types.ts';
import { providerCalls } from './provider-calls.ts';

let dataDir: string | undefined;
afterEach(async () => {
  if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
});

describe('providers.list', () => {
  it("lists the workspace's providers.json and the environment's providers, with models and no keys", async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'operon-providers-'));
    const root = workspacePaths(dataDir, 'default').root;
    await mkdir(root, { recursive: true });
    const providers = [{ name: 'ollama', baseUrl: 'http://127.0.0.1:11434/v1', models: ['llama3.2', 'qwen2.5'] }];
    await writeFile(path.join(root, 'providers.json'), JSON.stringify({ providers }));
    const env = { OPENAI_API_KEY: 'sk-test-key', OPERON_PROVIDER_LOCAL_BASE_URL: 'http://127.0.0.1:1234/v1' };
    const calls = providerCalls({ dataDir, env } as unknown as ApiContext);
    const listed = await calls['providers.list']({ workspace: 'default' }, { actor: 'ana', role: 'viewer' });
    expect(listed.providers).toEqual([
      { name: 'ollama', models: ['llama3.2', 'qwen2.5'] },
      { name: 'openai', models: [] },
      { name: 'local', models: [] },
    ]);
    expect(JSON.stringify(listed)).not.toContain('sk-test-key');
  });
});
