import { z } from 'zod';
import { OperonError } from '../../../errors/operon-error.ts';
import { defineNodeType } from '../../define-node-type.ts';
import { port } from '../../ports.ts';
import { checkExpression, type ConfigProblem } from '../static-expressions.ts';
import { describeKind } from '../values.ts';
import { checkCollection, checkTags, collectionField, filterOf, metadataFilterField, tagsField } from './memory-fields.ts';

const MemoryDeleteConfig = z.object({
  collection: collectionField('', 'The collection to delete from; empty means every collection (not allowed with keys).'),
  ids: z
    .string()
    .default('')
    .describe('Optional: a JSONata expression over the input ($) giving the record ids to delete (an id or an array of ids).')
    .meta({ ui: 'expression' }),
  keys: z.array(z.string()).default([]).describe('Delete the records with these keys (needs a collection).').meta({ ui: 'json' }),
  tags: tagsField('Delete the records that have every one of these tags.'),
  metadata: metadataFilterField,
  all: z
    .boolean()
    .default(false)
    .describe('Delete everything in the collection (or, with no collection, all memory). Needed when no other selector is set.'),
});
type MemoryDeleteConfig = z.output<typeof MemoryDeleteConfig>;

function hasSelector(config: MemoryDeleteConfig): boolean {
  return config.ids.trim() !== '' || config.keys.length > 0 || config.tags.length > 0 || Object.keys(config.metadata).length > 0;
}

function checkDelete(config: MemoryDeleteConfig): ConfigProblem[] {
  const problems = [...checkCollection('collection', config.collection, false), ...checkTags('tags', config.tags)];
  if (config.ids.trim() !== '') problems.push(...checkExpression('ids', config.ids));
  if (config.keys.length > 0 && config.collection === '')
    problems.push({ path: 'collection', message: 'deleting by keys needs a collection' });
  if (config.all && hasSelector(config))
    problems.push({ path: 'all', message: 'all deletes the whole collection: remove ids, keys, tags and metadata, or turn all off' });
  if (!config.all && !hasSelector(config))
    problems.push({
      path: 'all',
      message: 'no selector: set ids, keys, tags or metadata, or set all to delete the whole collection (or all memory)',
    });
  return problems;
}

/** Deletes records from the workspace's semantic memory by id, key, tags or metadata; emits how many. */
export const memoryDelete = defineNodeType({
  type: 'core.memory-delete',
  version: 1,
  kind: 'step',
  title: 'Memory Delete',
  category: 'Memory',
  description: 'Forgets remembered records chosen by id, key, tags or metadata, and emits how many were deleted.',
  icon: 'trash-2',
  summary: [{ field: 'collection', label: 'Collection' }],
  config: MemoryDeleteConfig,
  inputs: { in: port('any') },
  outputs: { deleted: port('number', { description: 'How many records were deleted.' }) },
  cacheable: false,
  onInterrupted: 'rerun', // deleting again removes nothing more (its count then says what this attempt removed)
  check: checkDelete,
  run: async (ctx) => {
    const { config } = ctx;
    // The engine checks configs before a run; this guards a node run outside a checked workflow too.
    if (!config.all && !hasSelector(config)) throw new OperonError('OPR-140', 'memory delete needs a selector, or all: true');
    let ids: string[] | undefined;
    if (config.ids.trim() !== '') {
      ids = idsOf(await ctx.evaluate(config.ids, ctx.inputs.in, 'config.ids'));
      // No ids means nothing to delete, never "no id restriction".
      if (ids.length === 0) return { deleted: 0 };
    }
    const deleted = await ctx.memory.delete({
      ...(ids === undefined ? {} : { ids }),
      ...(config.keys.length === 0 ? {} : { keys: config.keys }),
      filter: filterOf(config),
    });
    return { deleted };
  },
});

function idsOf(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? (value as unknown[]) : [value];
  if (!list.every((id): id is string => typeof id === 'string'))
    throw new OperonError('OPR-140', `config.ids must give an id or an array of ids (text); it gave ${describeKind(value)}`);
  return list;
}
