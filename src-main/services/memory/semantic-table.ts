import { Field, FixedSizeList, Float32, Int64, List, Schema, Utf8 } from 'apache-arrow';
import { OperonError } from '../../../src-shared/errors/operon-error.ts';
import type { MemoryRecord, MemoryWrite } from '../../../src-shared/memory/types.ts';
import { metaEntries } from './where-sql.ts';
import { sourceFromRow, stringList, toNumber, toStringOrNull } from './storage.ts';

/**
 * The semantic table: one row per record. `collection_key` (JSON of [collection, key], null without a key) is the
 * upsert key; `meta_kv` holds one `JSON([key, value])` string per top-level scalar metadata value, so a metadata
 * filter is an exact `array_has` on a quoted literal; `tags` is a list filtered with `array_has`.
 */
export function semanticSchema(dimension: number): Schema {
  const strings = (name: string): Field => new Field(name, new List(new Field('item', new Utf8(), true)), false);
  return new Schema([
    new Field('id', new Utf8(), false),
    new Field('collection', new Utf8(), false),
    new Field('key', new Utf8(), true),
    new Field('collection_key', new Utf8(), true),
    new Field('text', new Utf8(), false),
    new Field('metadata', new Utf8(), false),
    strings('meta_kv'),
    strings('tags'),
    new Field('source_workflow', new Utf8(), true),
    new Field('source_run', new Utf8(), true),
    new Field('source_node', new Utf8(), true),
    new Field('created_at', new Int64(), false),
    new Field('updated_at', new Int64(), false),
    new Field('vector', new FixedSizeList(dimension, new Field('item', new Float32(), true)), false),
  ]);
}

/** Every column but the vector: what reads select. */
export const RECORD_COLUMNS = [
  'id',
  'collection',
  'key',
  'text',
  'metadata',
  'tags',
  'source_workflow',
  'source_run',
  'source_node',
  'created_at',
  'updated_at',
];

export type SemanticRow = Record<string, unknown>;

export function collectionKey(collection: string, key: string): string {
  return JSON.stringify([collection, key]);
}

/** Checks a write request's shape: OPR-140 naming the record index and field. */
export function validateWrites(records: MemoryWrite[]): void {
  if (!Array.isArray(records)) throw new OperonError('OPR-140', 'write expects an array of records');
  records.forEach((record, index) => {
    const bad = (field: string, expected: string): OperonError =>
      new OperonError('OPR-140', `memory record ${index}: "${field}" must be ${expected}`, { details: { index, field } });
    if (typeof record.collection !== 'string' || record.collection === '') throw bad('collection', 'a non-empty string');
    if (typeof record.text !== 'string') throw bad('text', 'a string');
    if (record.key !== undefined && typeof record.key !== 'string') throw bad('key', 'a string');
    if (record.tags !== undefined && (!Array.isArray(record.tags) || record.tags.some((tag) => typeof tag !== 'string'))) {
      throw bad('tags', 'a list of strings');
    }
    const metadata: unknown = record.metadata;
    if (metadata !== undefined && (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata))) {
      throw bad('metadata', 'an object');
    }
  });
}

/** A row to store. */
export function toRow(record: MemoryRecord, vector: Float32Array): SemanticRow {
  return {
    id: record.id,
    collection: record.collection,
    key: record.key,
    collection_key: record.key === null ? null : collectionKey(record.collection, record.key),
    text: record.text,
    metadata: JSON.stringify(record.metadata),
    meta_kv: metaEntries(record.metadata),
    tags: record.tags,
    source_workflow: record.source.workflowId ?? null,
    source_run: record.source.runId ?? null,
    source_node: record.source.nodeId ?? null,
    created_at: BigInt(record.createdAt),
    updated_at: BigInt(record.updatedAt),
    vector: Array.from(vector),
  };
}

/** A row read back, as the contract's record. */
export function fromRow(row: SemanticRow): MemoryRecord {
  const source = sourceFromRow(row);
  return {
    id: String(row.id),
    collection: String(row.collection),
    key: toStringOrNull(row.key),
    text: String(row.text),
    metadata: JSON.parse(String(row.metadata)) as Record<string, unknown>,
    tags: stringList(row.tags),
    source,
    createdAt: toNumber(row.created_at),
    updatedAt: toNumber(row.updated_at),
  };
}
