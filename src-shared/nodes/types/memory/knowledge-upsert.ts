import { z } from 'zod';
import { OperonError } from '../../../errors/operon-error.ts';
import { defineNodeType } from '../../define-node-type.ts';
import { port } from '../../ports.ts';
import type { ConfigProblem } from '../static-expressions.ts';
import { describeKind, isPlainObject } from '../values.ts';
import { checkCollection } from './memory-fields.ts';

const FIELD_NAME = /^[a-zA-Z_][a-zA-Z0-9_]{0,63}$/;

const KnowledgeUpsertConfig = z.object({
  collection: z.string().default('').describe('The knowledge collection (a table of typed records): 1-64 letters, digits, "_" or "-".'),
  fields: z
    .array(
      z.object({
        name: z.string().default('').describe('The field name: a letter or "_", then letters, digits or "_".'),
        type: z.enum(['string', 'number', 'boolean']).default('string').describe('The value type.'),
      }),
    )
    .default([])
    .describe('The fields of a record. The first write declares the collection; later writes must declare the same.')
    .meta({ ui: 'json' }),
  key: z
    .array(z.string())
    .default([])
    .describe('The fields that identify a record: a record with the same key values replaces it.')
    .meta({ ui: 'json' }),
});
type KnowledgeUpsertConfig = z.output<typeof KnowledgeUpsertConfig>;

function checkUpsert(config: KnowledgeUpsertConfig): ConfigProblem[] {
  const problems = checkCollection('collection', config.collection, true);
  if (config.fields.length === 0) problems.push({ path: 'fields', message: 'declare at least one field' });
  const seen = new Set<string>();
  config.fields.forEach((field, index) => {
    if (!FIELD_NAME.test(field.name)) problems.push({ path: `fields.${index}.name`, message: `"${field.name}" is not a field name` });
    else if (seen.has(field.name)) problems.push({ path: `fields.${index}.name`, message: `"${field.name}" is declared twice` });
    seen.add(field.name);
  });
  if (config.key.length === 0) problems.push({ path: 'key', message: 'name at least one key field' });
  config.key.forEach((name, index) => {
    if (!seen.has(name)) problems.push({ path: `key.${index}`, message: `"${name}" is not one of the declared fields` });
  });
  return problems;
}

/** Upserts its input (an object, or an array of objects) into a knowledge collection by the key fields. */
export const knowledgeUpsert = defineNodeType({
  type: 'core.knowledge-upsert',
  version: 1,
  kind: 'step',
  title: 'Knowledge Upsert',
  category: 'Memory',
  description: 'Stores typed records (the input: an object or an array of objects) in a knowledge collection, replacing by key.',
  icon: 'database',
  summary: [{ field: 'collection', label: 'Collection' }],
  config: KnowledgeUpsertConfig,
  inputs: { in: port('any', { description: 'An object, or an array of objects, with the declared fields.' }) },
  outputs: { written: port('number', { description: 'How many records were written.' }) },
  cacheable: false,
  onInterrupted: (config) => (config.key.length > 0 ? 'rerun' : 'ask'), // with a key, writing again replaces the record
  check: checkUpsert,
  run: async (ctx) => {
    const { config } = ctx;
    const input = ctx.inputs.in;
    const rows: unknown[] = Array.isArray(input) ? input : [input];
    rows.forEach((row, index) => {
      if (!isPlainObject(row))
        throw new OperonError(
          'OPR-140',
          `the input must be an object or an array of objects; ${Array.isArray(input) ? `item ${index} is` : 'it is'} ${describeKind(row)}`,
        );
    });
    const { written } = await ctx.memory.knowledge.upsert(
      { name: config.collection, fields: config.fields, key: config.key },
      rows as Record<string, unknown>[],
    );
    return { written };
  },
});
