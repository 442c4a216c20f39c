import { z } from 'zod';
import type { MemoryWrite } from '../../../memory/types.ts';
import { defineNodeType } from '../../define-node-type.ts';
import { port } from '../../ports.ts';
import { checkExpression, checkTemplate, type ConfigProblem } from '../static-expressions.ts';
import { checkCollection, checkTags, collectionField, objectResult, recordOut, tagsField, templateText } from './memory-fields.ts';

const MemoryWriteConfig = z.object({
  collection: collectionField('notes', 'The collection to write to: 1-64 letters, digits, "_" or "-".'),
  text: z
    .string()
    .default('{{ $string($) }}')
    .describe('The text to remember (embedded for search by meaning); {{ }} placeholders read the input ($).')
    .meta({ ui: 'template' }),
  key: z
    .string()
    .default('')
    .describe(
      'Optional: a key that identifies the record in its collection; a later write with the same key replaces it. {{ }} placeholders read the input.',
    )
    .meta({ ui: 'template' }),
  metadata: z
    .string()
    .default('')
    .describe('Optional: a JSONata expression over the input ($) giving an object stored with the record (empty: {}).')
    .meta({ ui: 'expression' }),
  tags: tagsField('Tags stored with the record, for filtering searches.'),
  each: z.boolean().default(false).describe('With an array input: write one record per item (templates then read the item).'),
});
type MemoryWriteConfig = z.output<typeof MemoryWriteConfig>;

function checkWrite(config: MemoryWriteConfig): ConfigProblem[] {
  return [
    ...checkCollection('collection', config.collection, true),
    ...checkTemplate('text', config.text, true),
    ...checkTemplate('key', config.key),
    ...(config.metadata.trim() === '' ? [] : checkExpression('metadata', config.metadata)),
    ...checkTags('tags', config.tags),
  ];
}

/**
 * Stores text in the workspace's semantic memory, with this run and node as its source. Emits the stored record,
 * or with `each` and an array input the records, one per item.
 */
export const memoryWrite = defineNodeType({
  type: 'core.memory-write',
  version: 1,
  kind: 'step',
  title: 'Memory Write',
  category: 'Memory',
  description: 'Remembers text in a memory collection (upserting by key), for Memory Search to find by meaning.',
  icon: 'brain',
  summary: [
    { field: 'collection', label: 'Collection' },
    { field: 'text', format: 'code' },
  ],
  config: MemoryWriteConfig,
  inputs: { in: port('any') },
  outputs: {
    out: port('any', {
      description: 'The stored record { id, text, collection, key, metadata, tags, source }, or with each an array of them.',
    }),
  },
  cacheable: false,
  onInterrupted: 'ask', // writing again would store the record twice
  check: checkWrite,
  run: async (ctx) => {
    const { config } = ctx;
    const many = config.each && Array.isArray(ctx.inputs.in);
    const items: unknown[] = many ? (ctx.inputs.in as unknown[]) : [ctx.inputs.in];
    const writes: MemoryWrite[] = [];
    for (const item of items) {
      const key = await templateText(ctx, config.key, item, 'key', true);
      const metadata =
        config.metadata.trim() === '' ? {} : objectResult(await ctx.evaluate(config.metadata, item, 'config.metadata'), 'metadata', {});
      writes.push({
        collection: config.collection,
        text: await templateText(ctx, config.text, item, 'text', false),
        ...(key === '' ? {} : { key }),
        metadata,
        tags: config.tags,
      });
    }
    const stored = writes.length === 0 ? [] : await ctx.memory.write(writes);
    const out = stored.map((record) => recordOut(record));
    return { out: many ? out : (out[0] ?? null) };
  },
});
