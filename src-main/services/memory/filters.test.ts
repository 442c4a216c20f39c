import { describe, expect, it } from 'vitest';
import { openTestMemory } from './testing/open-test-memory.ts';

/** Classic injection strings, unicode quotes, backslashes and control characters. */
const nasty = [
  "x' OR '1'='1",
  "'); DROP TABLE semantic; --",
  "' OR 1=1 --",
  'a\\',
  "a\\' OR '1'='1",
  '\u2018quoted\u2019 \u201cdouble\u201d \uff07fullwidth\uff07',
  'line\nbreak\r\n',
  'tab\tand\u0000nul',
  '%_*',
  "`id` = 'x'",
  ']',
  '"',
];

describe('filters are injection-proof', () => {
  it('every filter field matches only the literal value, never errors, never widens', async () => {
    const memory = await openTestMemory();
    const source = { workflowId: 'wf', runId: 'run', nodeId: 'node' };
    await memory.write([{ collection: 'plain', text: 'a plain record', tags: ['plain'], metadata: { k: 'plain' }, key: 'plain' }], source);
    const written = await memory.write(
      nasty.map((value, i) => ({
        collection: value,
        text: `record ${i}`,
        tags: [value],
        metadata: { [value]: value, k: value },
        key: value,
      })),
      { workflowId: 'wf', runId: 'run', nodeId: 'node' },
    );
    for (const [i, value] of nasty.entries()) {
      const filters = [{ collection: value }, { tags: [value] }, { metadata: { k: value } }, { metadata: { [value]: value } }];
      for (const filter of filters) {
        const listed = await memory.list(filter, 100);
        expect(
          listed.map((record) => record.text),
          JSON.stringify(filter),
        ).toEqual([`record ${i}`]);
        const hits = await memory.search({ text: 'record', topK: 50, mode: 'hybrid', filter });
        expect(
          hits.map((hit) => hit.record.text),
          JSON.stringify(filter),
        ).toEqual([`record ${i}`]);
      }
      for (const field of ['workflowId', 'runId', 'nodeId'] as const) {
        expect(await memory.list({ source: { [field]: value } }, 100)).toEqual([]);
      }
      expect((await memory.list({ collection: value, tags: [`${value}x`] }, 100)).length).toBe(0);
      expect(await memory.delete({ keys: [`${value} `], filter: { collection: value } })).toBe(0);
      expect(await memory.delete({ ids: [value] })).toBe(0);
      // As search text (full-text query syntax included), a nasty string is just text.
      expect(Array.isArray(await memory.search({ text: value, topK: 3, mode: 'hybrid' }))).toBe(true);
    }
    expect(await memory.list({}, 100)).toHaveLength(nasty.length + 1);
    // Deleting by a nasty key removes exactly that record.
    expect(await memory.delete({ keys: [nasty[1] ?? ''], filter: { collection: nasty[1] ?? '' } })).toBe(1);
    expect(await memory.list({}, 100)).toHaveLength(nasty.length);
    expect(written[0]?.key).toBe(nasty[0]);
  });

  it('knowledge lookups quote values and refuse undeclared fields', async () => {
    const memory = await openTestMemory();
    const collection = {
      name: 'people',
      fields: [
        { name: 'name', type: 'string' as const },
        { name: 'age', type: 'number' as const },
      ],
      key: ['name'],
    };
    await memory.knowledge.upsert(collection, [{ name: 'plain', age: 1 }, ...nasty.map((name, i) => ({ name, age: i }))], {});
    for (const [i, name] of nasty.entries()) {
      expect(await memory.knowledge.lookup('people', { name }, 100)).toEqual([{ name, age: i }]);
    }
    await expect(memory.knowledge.lookup('people', { "name` = 'x' OR 1=1 --": 'x' }, 10)).rejects.toThrow(/unknown field/);
    await expect(memory.knowledge.lookup("people' OR 1=1", { name: 'x' }, 10)).rejects.toThrow(/must match/);
  });
});
