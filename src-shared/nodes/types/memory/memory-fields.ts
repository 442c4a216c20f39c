import { z } from 'zod';
import { OperonError } from '../../../errors/operon-error.ts';
import type { MemoryFilter, MemoryRecord, Scalar } from '../../../memory/types.ts';
import type { ConfigProblem } from '../static-expressions.ts';
import { describeKind, isPlainObject, toText } from '../values.ts';

/** Config fields the memory nodes share: a collection name, tags and metadata equality filters. */
export const collectionField = (fallback: string, description: string) => z.string().default(fallback).describe(description);

export const tagsField = (description: string) => z.array(z.string()).default([]).describe(description).meta({ ui: 'json' });

export const metadataFilterField = z
  .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
  .default({})
  .describe('Only records whose metadata has each of these fields with exactly this value.')
  .meta({ ui: 'json' });

const NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/** Problems with a collection name: `required` reports an empty one. */
export function checkCollection(path: string, name: string, required: boolean): ConfigProblem[] {
  if (name === '') return required ? [{ path, message: 'is required: name the collection' }] : [];
  return NAME.test(name) ? [] : [{ path, message: `"${name}" is not a collection name: use 1-64 letters, digits, "_" or "-"` }];
}

/** Problems with tags: each must be non-empty text. */
export function checkTags(path: string, tags: readonly string[]): ConfigProblem[] {
  return tags.flatMap((tag, index) => (tag.trim() === '' ? [{ path: `${path}.${index}`, message: 'a tag cannot be empty' }] : []));
}

/** The store filter for a node's collection, tags and metadata; empty parts are left out. */
export function filterOf(config: { collection: string; tags: string[]; metadata: Record<string, Scalar> }): MemoryFilter {
  return {
    ...(config.collection === '' ? {} : { collection: config.collection }),
    ...(config.tags.length === 0 ? {} : { tags: config.tags }),
    ...(Object.keys(config.metadata).length === 0 ? {} : { metadata: config.metadata }),
  };
}

/** Fills a template and reads the result as text; `allowEmpty: false` makes an empty result an OPR-140 naming the field. */
export async function templateText(
  ctx: { template(text: string, data: unknown, field: string): Promise<unknown> },
  template: string,
  data: unknown,
  field: string,
  allowEmpty: boolean,
): Promise<string> {
  const text = toText(await ctx.template(template, data, `config.${field}`));
  if (!allowEmpty && text.trim() === '') throw new OperonError('OPR-140', `config.${field} gave empty text for this input`);
  return text;
}

/** An expression result that must be an object (`undefined` is `fallback`); anything else is OPR-140 naming the field. */
export function objectResult(value: unknown, field: string, fallback?: Record<string, unknown>): Record<string, unknown> {
  if (value === undefined && fallback !== undefined) return fallback;
  if (isPlainObject(value)) return value;
  throw new OperonError('OPR-140', `config.${field} must give an object; it gave ${describeKind(value)}`);
}

/** A record as memory nodes emit it. */
export function recordOut(record: MemoryRecord, score?: number): Record<string, unknown> {
  return {
    id: record.id,
    text: record.text,
    ...(score === undefined ? {} : { score }),
    collection: record.collection,
    key: record.key,
    metadata: record.metadata,
    tags: record.tags,
    source: record.source,
  };
}
