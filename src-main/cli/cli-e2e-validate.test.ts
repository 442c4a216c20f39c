import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeDataDir, makeTempDir, parseJsonOut, removeTempDirs, runCli, writeWorkflow } from './testing/run-cli.ts';

// `operon validate` warns of a model provider that is not configured here, and still exits 0: the file is valid.

vi.setConfig({ testTimeout: 120_000 });
afterAll(removeTempDirs);

let file: string;
beforeAll(async () => {
  file = await writeWorkflow(await makeTempDir(), 'ask', {
    nodes: [
      { id: 'start', type: 'core.manual-trigger' },
      { id: 'classify', type: 'core.llm', config: { provider: 'ollama', model: 'llama3', prompt: 'Classify {{ text }}' } },
      { id: 'result', type: 'core.output', config: { name: 'answer' } },
    ],
    edges: [
      ['start.out', 'classify.in'],
      ['classify.out', 'result.in'],
    ],
  });
});

describe('operon validate and model providers', () => {
  it('warns (OPR-180) naming the node and the provider, lists the configured ones, and exits 0', async () => {
    const result = await runCli(await makeDataDir(), ['validate', file], { env: { OPENAI_API_KEY: 'test-key' } });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('✓ valid');
    expect(result.stderr).toContain(
      'warning OPR-180 node "classify" at nodes[1].config.provider: the model provider "ollama" is not configured (configured: openai)',
    );
  });

  it('is quiet once the provider is configured, and --json lists the warnings', async () => {
    const configured = await runCli(await makeDataDir(), ['validate', file], {
      env: { OPERON_PROVIDER_OLLAMA_BASE_URL: 'http://127.0.0.1:9/v1' },
    });
    expect(configured.code, configured.stderr).toBe(0);
    expect(configured.stderr).not.toContain('OPR-180');
    const json = parseJsonOut<{ status: string; warnings: { code: string; nodeId: string }[] }>(
      await runCli(await makeDataDir(), ['validate', file, '--json']),
    );
    expect(json).toMatchObject({ status: 'valid', warnings: [{ code: 'OPR-180', nodeId: 'classify' }] });
  });
});
