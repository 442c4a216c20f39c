import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSpendLedger } from './spend-ledger.ts';
import { loadPrices, loadWorkspaceSettings } from './workspace-config.ts';

describe('createSpendLedger', () => {
  it('adds up what every ledger on the workspace recorded, and skips a cut-off line', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'operon-spend-'));
    const a = createSpendLedger(root, 5);
    const b = createSpendLedger(root, 5);
    expect(await a.spentUsd()).toBe(0);
    await a.record(0.25);
    await b.record(0.5);
    await writeFile(path.join(root, 'spend.jsonl'), '{"costUsd": 1}\n{"costUsd": 0.1', { flag: 'a' });
    expect(await a.spentUsd()).toBeCloseTo(1.75);
    expect(a.budgetUsd()).toBe(5);
  });
});

describe('workspace config', () => {
  it('reads settings and prices, preferring the workspace prices over the shipped table', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'operon-config-'));
    const shipped = path.join(import.meta.dirname, '../../resources/prices.json');
    expect(await loadWorkspaceSettings(root)).toEqual({ budgets: {}, memory: { embedder: { kind: 'offline' } } });
    expect((await loadPrices(root, shipped)).models['gpt-4o-mini']).toEqual({ inputPerMTok: 0.15, outputPerMTok: 0.6 });
    await writeFile(path.join(root, 'prices.json'), '{"currency": "USD", "models": {"llama3.2": {"inputPerMTok": 0, "outputPerMTok": 0}}}');
    expect(Object.keys((await loadPrices(root, shipped)).models)).toEqual(['llama3.2']);
    await writeFile(path.join(root, 'settings.json'), '{"budgets": {"maxCostUsd": 2}}');
    expect(await loadWorkspaceSettings(root)).toEqual({ budgets: { maxCostUsd: 2 }, memory: { embedder: { kind: 'offline' } } });
  });

  it('names the file and field of a bad settings file', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'operon-config-'));
    await writeFile(path.join(root, 'settings.json'), '{"budgets": {"maxCostUsd": -1}}');
    await expect(loadWorkspaceSettings(root)).rejects.toThrow(/settings\.json: budgets\.maxCostUsd: /);
    await writeFile(path.join(root, 'settings.json'), '{"budgets": }');
    await expect(loadWorkspaceSettings(root)).rejects.toThrow(/settings\.json: invalid JSON at line 1/);
  });
});
