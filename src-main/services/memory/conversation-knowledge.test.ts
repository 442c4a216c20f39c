import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OperonError } from '../../../src-shared/errors/operon-error.ts';
import { tempDir } from '../test-support.ts';
import { windowTurns } from './conversation-table.ts';
import { openTestMemory } from './testing/open-test-memory.ts';

const source = { workflowId: 'wf', runId: 'r', nodeId: 'n' };

async function rejection(promise: Promise<unknown>): Promise<OperonError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof OperonError)) throw new Error(`expected an OperonError, got ${String(error)}`);
  return error;
}

describe('conversation memory', () => {
  it('appends with increasing seq and reads the last turns oldest first', async () => {
    const memory = await openTestMemory();
    await memory.conversation.append('s1', [{ role: 'user', content: 'hello' }], source);
    const turns = Array.from({ length: 14 }, (_, i) => ({
      role: i % 2 ? ('assistant' as const) : ('user' as const),
      content: `turn ${i}`,
    }));
    await Promise.all([
      memory.conversation.append('s1', turns.slice(0, 7), source),
      memory.conversation.append('s1', turns.slice(7), source),
    ]);
    await memory.conversation.append('s2', [{ role: 'system', content: 'other session' }], {});
    const all = await memory.conversation.read('s1', {});
    expect(all.map((turn) => turn.content)).toEqual(['hello', ...turns.map((turn) => turn.content)]);
    expect(all[0]).toMatchObject({ role: 'user', source });
    expect((await memory.conversation.read('s1', { maxTurns: 3 })).map((turn) => turn.content)).toEqual(['turn 11', 'turn 12', 'turn 13']);
    // 'turn NN' is 7 characters: 2 estimated tokens each.
    expect((await memory.conversation.read('s1', { maxTokens: 5 })).map((turn) => turn.content)).toEqual(['turn 12', 'turn 13']);
    expect((await memory.conversation.read('s1', { maxTurns: 1, maxTokens: 100 })).map((turn) => turn.content)).toEqual(['turn 13']);
    expect(await memory.conversation.read('missing', {})).toEqual([]);
    expect((await rejection(memory.conversation.append('s1', [{ role: 'robot' as 'user', content: 'x' }], {}))).code).toBe('OPR-140');
  });

  it('windows by tokens dropping the oldest first', () => {
    const turns = [{ content: 'a'.repeat(40) }, { content: 'b'.repeat(8) }, { content: 'c'.repeat(4) }];
    expect(windowTurns(turns, { maxTokens: 3 })).toEqual(turns.slice(1));
    expect(windowTurns(turns, { maxTokens: 0 })).toEqual([]);
  });
});

describe('knowledge memory', () => {
  const products = {
    name: 'products',
    fields: [
      { name: 'sku', type: 'string' as const },
      { name: 'region', type: 'string' as const },
      { name: 'price', type: 'number' as const },
      { name: 'active', type: 'boolean' as const },
    ],
    key: ['sku', 'region'],
  };

  it('upserts on the key fields and looks up by field equality', async () => {
    const memory = await openTestMemory();
    expect(
      await memory.knowledge.upsert(
        products,
        [
          { sku: 'a', region: 'eu', price: 1.5, active: true },
          { sku: 'a', region: 'us', price: 2, active: false },
          { sku: 'b', region: 'eu', price: 3 },
        ],
        source,
      ),
    ).toEqual({ written: 3 });
    await memory.knowledge.upsert(products, [{ sku: 'a', region: 'eu', price: 9.25, active: false }], source);
    expect(await memory.knowledge.lookup('products', { sku: 'a', region: 'eu' }, 10)).toEqual([
      { sku: 'a', region: 'eu', price: 9.25, active: false },
    ]);
    expect((await memory.knowledge.lookup('products', { sku: 'a' }, 10)).length).toBe(2);
    expect(await memory.knowledge.lookup('products', { price: 3 }, 10)).toEqual([{ sku: 'b', region: 'eu', price: 3, active: null }]);
    expect((await memory.knowledge.lookup('products', { active: false }, 10)).map((row) => row.region).sort()).toEqual(['eu', 'us']);
    expect(await memory.knowledge.lookup('products', {}, 10)).toHaveLength(3);
  });

  it('refuses schema mismatches, wrong types and unknown collections with OPR-140 naming the field', async () => {
    const memory = await openTestMemory();
    await memory.knowledge.upsert(products, [{ sku: 'a', region: 'eu', price: 1, active: true }], source);
    const retyped = {
      ...products,
      fields: products.fields.map((field) => (field.name === 'price' ? { ...field, type: 'string' as const } : field)),
    };
    const mismatch = await rejection(memory.knowledge.upsert(retyped, [], source));
    expect(mismatch.code).toBe('OPR-140');
    expect(mismatch.message).toContain('"price"');
    const extra = await rejection(
      memory.knowledge.upsert({ ...products, fields: [...products.fields, { name: 'colour', type: 'string' }] }, [], source),
    );
    expect(extra.message).toContain('"colour"');
    const wrongType = await rejection(
      memory.knowledge.upsert(
        products,
        [
          { sku: 'b', region: 'eu', price: 1 },
          { sku: 'c', region: 'eu', price: '2' },
        ],
        source,
      ),
    );
    expect(wrongType.message).toMatch(/record 1: field "price" must be a finite number/);
    const missingKey = await rejection(memory.knowledge.upsert(products, [{ sku: 'c', price: 2 }], source));
    expect(missingKey.message).toMatch(/record 0: field "region"/);
    expect((await rejection(memory.knowledge.upsert(products, [{ sku: 'c', region: 'x', size: 2 }], source))).message).toMatch(
      /record 0: field "size" is not declared/,
    );
    expect((await rejection(memory.knowledge.upsert({ ...products, name: 'Bad-Name' }, [], source))).code).toBe('OPR-140');
    expect((await rejection(memory.knowledge.lookup('nothing', {}, 5))).message).toMatch(/unknown knowledge collection/);
    expect((await rejection(memory.knowledge.lookup('products', { price: 'cheap' }, 5))).message).toMatch(
      /"price" must be a finite number/,
    );
    expect(await memory.knowledge.lookup('products', {}, 10)).toHaveLength(1);
  });
});

describe('workspace isolation', () => {
  it('never returns one workspace memory from another', async () => {
    const root = await tempDir();
    const a = await openTestMemory({ dir: path.join(root, 'ws-a', 'memory'), workspaceId: 'ws-a' });
    const b = await openTestMemory({ dir: path.join(root, 'ws-b', 'memory'), workspaceId: 'ws-b' });
    await a.write([{ collection: 'c', text: 'secret of workspace a', key: 'k' }], source);
    await a.conversation.append('session', [{ role: 'user', content: 'a says hi' }], source);
    await a.knowledge.upsert({ name: 'facts', fields: [{ name: 'id', type: 'string' }], key: ['id'] }, [{ id: 'a-fact' }], source);
    await b.write([{ collection: 'c', text: 'note of workspace b', key: 'k' }], source);
    expect((await b.search({ text: 'secret of workspace a', topK: 10, mode: 'hybrid' })).map((hit) => hit.record.text)).toEqual([
      'note of workspace b',
    ]);
    expect((await b.list({}, 10)).map((record) => record.text)).toEqual(['note of workspace b']);
    expect(await b.conversation.read('session', {})).toEqual([]);
    expect((await rejection(b.knowledge.lookup('facts', {}, 10))).code).toBe('OPR-140');
    expect((await a.list({ collection: 'c' }, 10)).map((record) => record.text)).toEqual(['secret of workspace a']);
  });
});
