import { z } from 'zod';
import { OperonError } from '../../../errors/operon-error.ts';
import { checkCollection } from '../memory/memory-fields.ts';
import { toolSchema, type ToolKind } from './tool-kind.ts';

export const MemorySearchToolSchema = toolSchema(
  'memory_search',
  z
    .object({
      collection: z.string().default('').describe('The collection to search unless the model names one; empty searches every collection.'),
      topK: z.int().min(1).max(100).default(5).describe('How many records to return unless the model asks for another number (1-100).'),
      mode: z
        .enum(['vector', 'hybrid'])
        .default('hybrid')
        .describe('vector: by meaning only. hybrid: by meaning and by the words themselves, fused.')
        .meta({ ui: 'select' }),
    })
    .describe("Defaults for the model's searches of the workspace memory."),
  {
    type: 'object',
    required: ['query'],
    properties: {
      query: { type: 'string', description: 'What to look for, by meaning.' },
      topK: { type: 'integer', minimum: 1, maximum: 100, description: 'How many records to return.' },
      collection: { type: 'string', description: 'The collection to search.' },
    },
  },
);
export type MemorySearchTool = z.output<typeof MemorySearchToolSchema>;

/**
 * Searches the workspace's semantic memory for the model: `{ query, topK?, collection? }`, with the tool's config
 * as defaults. The model gets `{ hits: [{ text, score, source }] }`; the search is logged as a `node.memory` event.
 */
export const memorySearchTool: ToolKind<MemorySearchTool> = {
  check: (tool) => checkCollection('config.collection', tool.config.collection, false),
  async run(ctx, tool, args) {
    const query = args.query;
    if (typeof query !== 'string' || query.trim() === '') throw new OperonError('OPR-140', 'the "query" argument must be non-empty text');
    const topK = args.topK ?? tool.config.topK;
    if (typeof topK !== 'number' || !Number.isInteger(topK) || topK < 1 || topK > 100)
      throw new OperonError('OPR-140', 'the "topK" argument must be a whole number from 1 to 100');
    const collection = args.collection ?? tool.config.collection;
    if (typeof collection !== 'string') throw new OperonError('OPR-140', 'the "collection" argument must be text');
    const hits = await ctx.memory.search({
      text: query,
      topK,
      mode: tool.config.mode,
      ...(collection === '' ? {} : { filter: { collection } }),
    });
    return { hits: hits.map((hit) => ({ text: hit.record.text, score: hit.score, source: hit.record.source })) };
  },
};
