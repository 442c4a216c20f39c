import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
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

describe("the spend ledger's day", () => {
  it('adds up the tokens and USD of the current UTC day only, lines from before days were recorded included', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'operon-spend-'));
    let now = new Date('2026-12-02T23:59:00Z');
    const ledger = createSpendLedger(root, undefined, () => now);
    await ledger.record(0.5, 500);
    await writeFile(path.join(root, 'spend.jsonl'), '{"at":"2026-12-03T08:00:00.000Z","costUsd":0.25}\n', { flag: 'a' });
    now = new Date('2026-12-03T00:01:00Z');
    await ledger.record(0, 40); // an unpriced call still counts its tokens
    expect(await ledger.spentToday()).toEqual({ usd: 0.25, tokens: 40 });
    expect(await ledger.spentUsd()).toBeCloseTo(0.75);
    const lines = (await readFile(path.join(root, 'spend.jsonl'), 'utf8')).trim().split('\n');
    expect(JSON.parse(lines[0]!)).toEqual({ at: '2026-12-02T23:59:00.000Z', day: '2026-12-02', costUsd: 0.5, tokens: 500 });
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
