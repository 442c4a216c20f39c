import { z } from 'zod';
import { defineNodeType } from '../../define-node-type.ts';
import { port } from '../../ports.ts';
import { checkTemplate, type ConfigProblem } from '../static-expressions.ts';
import {
  checkCollection,
  checkTags,
  collectionField,
  filterOf,
  metadataFilterField,
  recordOut,
  tagsField,
  templateText,
} from './memory-fields.ts';

const MemorySearchConfig = z.object({
  query: z
    .string()
    .default('{{ $string($) }}')
    .describe('What to look for, by meaning; {{ }} placeholders read the input ($).')
    .meta({ ui: 'template' }),
  collection: collectionField('', 'The collection to search; empty searches every collection.'),
  topK: z.int().min(1).max(100).default(5).describe('The most records to return (1-100).'),
  minScore: z.number().min(0).max(1).optional().describe('Optional: drop records whose similarity to the query is below this (0-1).'),
  mode: z
    .enum(['vector', 'hybrid'])
    .default('hybrid')
    .describe('vector: by meaning only. hybrid: by meaning and by the words themselves, fused.')
    .meta({ ui: 'select' }),
  tags: tagsField('Only records that have every one of these tags.'),
  metadata: metadataFilterField,
});
type MemorySearchConfig = z.output<typeof MemorySearchConfig>;

function checkSearch(config: MemorySearchConfig): ConfigProblem[] {
  return [
    ...checkTemplate('query', config.query, true),
    ...checkCollection('collection', config.collection, false),
    ...checkTags('tags', config.tags),
  ];
}

/**
 * Searches the workspace's semantic memory and emits the hits, best first, each with its score and the run and
 * node that wrote it. `out` is always emitted (an empty array when nothing matched); `found` says whether it is empty.
 */
export const memorySearch = defineNodeType({
  type: 'core.memory-search',
  version: 1,
  kind: 'step',
  title: 'Memory Search',
  category: 'Memory',
  description: 'Finds the remembered records closest in meaning to a query, with their scores and sources.',
  icon: 'brain-circuit',
  summary: [
    { field: 'collection', label: 'Collection' },
    { field: 'query', format: 'code' },
  ],
  config: MemorySearchConfig,
  inputs: { in: port('any') },
  outputs: {
    out: port('array', { description: 'The hits, best first: [{ text, score, collection, key, metadata, tags, source, id }].' }),
    found: port('boolean', { description: 'Whether anything matched.' }),
  },
  // Memory changes between runs: a cached answer would be stale.
  cacheable: false,
  check: checkSearch,
  run: async (ctx) => {
    const { config } = ctx;
    const hits = await ctx.memory.search({
      text: await templateText(ctx, config.query, ctx.inputs.in, 'query', false),
      topK: config.topK,
      mode: config.mode,
      ...(config.minScore === undefined ? {} : { minScore: config.minScore }),
      filter: filterOf(config),
    });
    return { out: hits.map((hit) => recordOut(hit.record, hit.score)), found: hits.length > 0 };
  },
});
