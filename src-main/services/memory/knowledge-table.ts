import { Bool, Field, Float64, Int64, Schema, Type, Utf8, type DataType } from 'apache-arrow';
import type { Table } from '@lancedb/lancedb';
import { OperonError } from '../../../src-shared/errors/operon-error.ts';
import type { KnowledgeCollection, KnowledgeField, MemorySource, Scalar } from '../../../src-shared/memory/types.ts';
import type { LanceDir } from './lance-db.ts';
import { storage, toNumber } from './storage.ts';
import { andAll, sqlColumn, sqlScalar } from './where-sql.ts';

/** Structured knowledge: one table `knowledge_<name>` per collection, its columns the declared fields. */

const NAME = /^[a-z][a-z0-9_]{0,62}$/;
const RESERVED = new Set(['record_key', 'source_workflow', 'source_run', 'source_node', 'updated_at']);
const KEY_METADATA = 'operon_key';

function tableName(name: string): string {
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw new OperonError('OPR-140', `knowledge collection name "${String(name)}" must match ^[a-z][a-z0-9_]{0,62}$`);
  }
  return `knowledge_${name}`;
}

function arrowType(type: KnowledgeField['type']): DataType {
  if (type === 'string') return new Utf8();
  if (type === 'number') return new Float64();
  return new Bool();
}

function fieldType(type: DataType): KnowledgeField['type'] | null {
  if (type.typeId === Type.Utf8) return 'string';
  if (type.typeId === Type.Float) return 'number';
  if (type.typeId === Type.Bool) return 'boolean';
  return null;
}

function validateCollection(collection: KnowledgeCollection): void {
  const names = new Set<string>();
  for (const field of collection.fields) {
    if (typeof field.name !== 'string' || !NAME.test(field.name) || RESERVED.has(field.name)) {
      throw new OperonError(
        'OPR-140',
        `knowledge field "${String(field.name)}" must match ^[a-z][a-z0-9_]{0,62}$ and not be a reserved name`,
      );
    }
    if (names.has(field.name)) throw new OperonError('OPR-140', `knowledge field "${field.name}" is declared twice`);
    if (!['string', 'number', 'boolean'].includes(field.type)) {
      throw new OperonError('OPR-140', `knowledge field "${field.name}" has unknown type "${String(field.type)}"`);
    }
    names.add(field.name);
  }
  if (collection.key.length === 0)
    throw new OperonError('OPR-140', `knowledge collection "${collection.name}" needs at least one key field`);
  for (const key of collection.key) {
    if (!names.has(key)) throw new OperonError('OPR-140', `knowledge key field "${key}" is not a declared field`);
  }
}

function schemaOf(collection: KnowledgeCollection): Schema {
  return new Schema(
    [
      ...collection.fields.map((field) => new Field(field.name, arrowType(field.type), !collection.key.includes(field.name))),
      new Field('record_key', new Utf8(), false),
      new Field('source_workflow', new Utf8(), true),
      new Field('source_run', new Utf8(), true),
      new Field('source_node', new Utf8(), true),
      new Field('updated_at', new Int64(), false),
    ],
    new Map([[KEY_METADATA, JSON.stringify(collection.key)]]),
  );
}

/** The declared fields of an existing table, from its schema. */
async function declaredFields(table: Table): Promise<{ fields: KnowledgeField[]; key: string[] }> {
  const schema = await storage('reading a knowledge schema', () => table.schema());
  const fields: KnowledgeField[] = [];
  for (const field of schema.fields) {
    if (RESERVED.has(field.name)) continue;
    const type = fieldType(field.type as DataType);
    if (type !== null) fields.push({ name: field.name, type });
  }
  const key = JSON.parse(schema.metadata.get(KEY_METADATA) ?? '[]') as string[];
  return { fields, key };
}

function checkSameSchema(collection: KnowledgeCollection, existing: { fields: KnowledgeField[]; key: string[] }): void {
  const mismatch = (field: string, why: string): OperonError =>
    new OperonError('OPR-140', `knowledge collection "${collection.name}" already exists with another schema: field "${field}" ${why}`, {
      details: { field },
    });
  const have = new Map(existing.fields.map((field) => [field.name, field.type]));
  for (const field of collection.fields) {
    const type = have.get(field.name);
    if (type === undefined) throw mismatch(field.name, 'is not in the stored schema');
    if (type !== field.type) throw mismatch(field.name, `is stored as ${type}, declared as ${field.type}`);
  }
  const declared = new Set(collection.fields.map((field) => field.name));
  for (const field of existing.fields) if (!declared.has(field.name)) throw mismatch(field.name, 'is stored but not declared');
  if (JSON.stringify(existing.key) !== JSON.stringify(collection.key)) {
    throw mismatch(collection.key.join(', '), `differs from the stored key (${existing.key.join(', ')})`);
  }
}

function fits(field: KnowledgeField, value: unknown): boolean {
  return (
    (field.type === 'string' && typeof value === 'string') ||
    (field.type === 'number' && typeof value === 'number' && Number.isFinite(value)) ||
    (field.type === 'boolean' && typeof value === 'boolean')
  );
}

function expected(field: KnowledgeField): string {
  return field.type === 'number' ? 'a finite number' : `a ${field.type}`;
}

function checkValue(field: KnowledgeField, value: unknown, index: number): void {
  if (!fits(field, value)) {
    throw new OperonError('OPR-140', `knowledge record ${index}: field "${field.name}" must be ${expected(field)}`, {
      details: { index, field: field.name },
    });
  }
}

export class KnowledgeTables {
  private readonly lance: LanceDir;

  constructor(lance: LanceDir) {
    this.lance = lance;
  }

  async upsert(collection: KnowledgeCollection, records: Record<string, unknown>[], source: MemorySource): Promise<{ written: number }> {
    const name = tableName(collection.name);
    validateCollection(collection);
    const fields = new Map(collection.fields.map((field) => [field.name, field]));
    const rows = new Map<string, Record<string, unknown>>();
    const now = Date.now();
    records.forEach((record, index) => {
      for (const fieldName of Object.keys(record)) {
        if (!fields.has(fieldName)) {
          throw new OperonError('OPR-140', `knowledge record ${index}: field "${fieldName}" is not declared`, {
            details: { index, field: fieldName },
          });
        }
      }
      const row: Record<string, unknown> = {};
      for (const field of collection.fields) {
        const value = record[field.name];
        if ((value === undefined || value === null) && !collection.key.includes(field.name)) {
          row[field.name] = null;
          continue;
        }
        checkValue(field, value, index);
        row[field.name] = value;
      }
      const recordKey = JSON.stringify(collection.key.map((key) => row[key]));
      row.record_key = recordKey;
      row.source_workflow = source.workflowId ?? null;
      row.source_run = source.runId ?? null;
      row.source_node = source.nodeId ?? null;
      row.updated_at = BigInt(now);
      rows.set(recordKey, row); // a later record with the same key wins
    });
    const existing = await this.lance.open(name);
    if (existing !== null) checkSameSchema(collection, await declaredFields(existing));
    if (rows.size === 0) return { written: 0 };
    const table = existing ?? (await this.lance.openOrCreate(name, schemaOf(collection)));
    await storage(
      `writing knowledge ${collection.name}`,
      () =>
        table
          .mergeInsert('record_key')
          .whenMatchedUpdateAll()
          .whenNotMatchedInsertAll()
          .execute([...rows.values()]),
      { retry: true },
    );
    return { written: records.length };
  }

  async lookup(collection: string, where: Record<string, Scalar>, limit: number): Promise<Record<string, unknown>[]> {
    const name = tableName(collection);
    if (!Number.isInteger(limit) || limit < 1) throw new OperonError('OPR-140', 'lookup limit must be a whole number ≥ 1');
    const table = await this.lance.open(name);
    if (table === null) throw new OperonError('OPR-140', `unknown knowledge collection "${collection}"`);
    const { fields } = await declaredFields(table);
    const byName = new Map(fields.map((field) => [field.name, field]));
    const allowed = new Set(byName.keys());
    const conditions = Object.entries(where).map(([fieldName, value]) => {
      const column = sqlColumn(fieldName, allowed);
      const field = byName.get(fieldName);
      if (field !== undefined && !fits(field, value)) {
        throw new OperonError('OPR-140', `lookup on "${collection}": field "${fieldName}" must be ${expected(field)}`);
      }
      return `${column} = ${sqlScalar(value, `lookup field "${fieldName}"`)}`;
    });
    const filter = andAll(conditions);
    const rows = await storage(`looking up knowledge ${collection}`, () => {
      const query = table.query().limit(limit);
      return (filter === undefined ? query : query.where(filter)).toArray();
    });
    return (rows as Record<string, unknown>[]).map((row) => {
      const record: Record<string, unknown> = {};
      for (const field of fields) {
        const value = row[field.name];
        record[field.name] = typeof value === 'bigint' ? toNumber(value) : (value ?? null);
      }
      return record;
    });
  }
}
