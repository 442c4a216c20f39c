import { describe, expect, it } from 'vitest';
import { createCheckHelpers } from '../../test-context.ts';
import { knowledgeUpsert } from './knowledge-upsert.ts';
import { createMemoryHarness, oneNode } from './memory-test-harness.ts';

const PRODUCTS = {
  collection: 'products',
  fields: [
    { name: 'sku', type: 'string' },
    { name: 'name', type: 'string' },
    { name: 'price', type: 'number' },
  ],
  key: ['sku'],
};

const upsert = (input?: string) => oneNode('core.knowledge-upsert', PRODUCTS, ['written'], input);
const lookup = (where: string, limit = 10) => oneNode('core.knowledge-lookup', { collection: 'products', where, limit }, ['out', 'found']);

describe('knowledge nodes', () => {
  it('upsert records by key and look them up by fields computed from the input', async () => {
    const h = createMemoryHarness();
    const rows = [
      { sku: 'A1', name: 'Kettle', price: 30 },
      { sku: 'B2', name: 'Toaster', price: 45 },
    ];
    expect((await h.run(upsert('rows'), { rows })).outputs.written).toBe(2);
    expect((await h.run(upsert(), { sku: 'A1', name: 'Kettle', price: 25 })).outputs.written).toBe(1);

    const found = await h.run(lookup('{ "sku": wanted }'), { wanted: 'A1' });
    expect(found.outputs).toEqual({ out: [{ sku: 'A1', name: 'Kettle', price: 25 }], found: true });
    expect(h.of('node.memory', found.runId)[0]).toMatchObject({
      op: 'knowledge.lookup',
      request: { collection: 'products', where: { sku: 'A1' }, limit: 10 },
      count: 1,
    });
    expect((await h.run(lookup('{}', 1))).outputs.out).toHaveLength(1);
    expect((await h.run(lookup('{ "sku": "Z9" }'))).outputs).toEqual({ out: [], found: false });
  });

  it('fail with OPR-140 on input that is not objects, a value of the wrong type, or a where that is not an object', async () => {
    const h = createMemoryHarness();
    expect((await h.run(upsert('rows'), { rows: [{ sku: 'A1' }, 'nope'] })).error).toMatchObject({
      code: 'OPR-140',
      message: 'the input must be an object or an array of objects; item 1 is string',
    });
    expect((await h.run(upsert(), { sku: 'A1', price: 'cheap' })).error).toMatchObject({
      code: 'OPR-140',
      message: expect.stringContaining('"price" must be a number'),
    });
    await h.run(upsert(), { sku: 'A1', name: 'Kettle', price: 25 });
    expect((await h.run(lookup('sku'), { sku: 'A1' })).error).toMatchObject({
      code: 'OPR-140',
      message: expect.stringContaining('config.where must give an object'),
    });
    expect((await h.run(lookup('{ "sku": [1] }'))).error).toMatchObject({
      code: 'OPR-140',
      message: expect.stringContaining('"sku" must be text'),
    });
    const unknown = await h.run(oneNode('core.knowledge-lookup', { collection: 'nothing' }, ['out']));
    expect(unknown.error).toMatchObject({ code: 'OPR-140', message: 'unknown knowledge collection "nothing"' });
  });

  it('check that the key fields are declared, and field names', () => {
    const problems = (config: Record<string, unknown>) => knowledgeUpsert.check(knowledgeUpsert.config.parse(config), createCheckHelpers());
    expect(problems(PRODUCTS)).toEqual([]);
    expect(problems({ ...PRODUCTS, key: ['sku', 'colour'] })).toEqual([
      { path: 'key.1', message: '"colour" is not one of the declared fields' },
    ]);
    expect(problems({ collection: 'p', fields: [{ name: 'a' }, { name: 'a' }, { name: '1x' }] }).map((p) => p.path)).toEqual([
      'fields.1.name',
      'fields.2.name',
      'key',
    ]);
    expect(problems({}).map((p) => p.path)).toEqual(['collection', 'fields', 'key']);
  });
});
