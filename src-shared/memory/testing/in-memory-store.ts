/**
 * A MemoryService held in memory: a TEST DOUBLE for node and engine tests, not a store. It keeps the contract's
 * semantics (upsert by collection and key, filters, conversation windows, knowledge schemas and their errors) but
 * scores by word overlap instead of embeddings: a record's similarity to a query is the cosine of their word sets
 * (1 for the same words), and records that share no word with the query are not hits. Hybrid mode fuses that
 * ranking with a "full-text" ranking (records containing every query word) by reciprocal rank, as the real store
 * does. Semantic behaviour (meaning, embedders, reindexing) is tested against LanceDB in src-main.
 */
import { OperonError } from '../../errors/operon-error.ts';
import type { KnowledgeCollection, MemoryFilter, MemoryHit, MemoryRecord, MemoryService, MemorySource, Scalar, Turn } from '../types.ts';

/** The k of reciprocal-rank fusion (the usual 60). */
const RRF_K = 60;

export interface InMemoryStore extends MemoryService {
  /** Every semantic record, in write order (copies): for assertions. */
  records(): MemoryRecord[];
}

interface KnowledgeTable {
  schema: KnowledgeCollection;
  rows: Map<string, Record<string, unknown>>;
}

/** Creates an empty store; `now` stamps records and turns (pass the virtual clock's). */
export function createInMemoryStore(options: { now?: () => number } = {}): InMemoryStore {
  const now = options.now ?? (() => Date.now());
  const records = new Map<string, MemoryRecord>();
  const sessions = new Map<string, Turn[]>();
  const knowledge = new Map<string, KnowledgeTable>();
  let counter = 0;

  return {
    records: () => [...records.values()].map((record) => structuredClone(record)),

    write(writes, source) {
      const stored: MemoryRecord[] = [];
      for (const write of writes) {
        if (write.collection.trim() === '') return invalid('a record needs a collection');
        const existing =
          write.key === undefined ? undefined : [...records.values()].find((r) => r.collection === write.collection && r.key === write.key);
        const at = now();
        const record: MemoryRecord = {
          id: existing?.id ?? `mem-${++counter}`,
          collection: write.collection,
          key: write.key ?? null,
          text: write.text,
          metadata: structuredClone(write.metadata ?? {}),
          tags: [...(write.tags ?? [])],
          source: { ...source },
          createdAt: existing?.createdAt ?? at,
          updatedAt: at,
        };
        records.set(record.id, record);
        stored.push(structuredClone(record));
      }
      return Promise.resolve(stored);
    },

    search(query) {
      const words = wordsOf(query.text);
      const candidates = [...records.values()].filter((record) => matches(record, query.filter ?? {}));
      const byVector = candidates
        .map((record) => ({ record, similarity: similarity(words, wordsOf(record.text)) }))
        .filter((hit) => hit.similarity > 0)
        .sort((a, b) => b.similarity - a.similarity);
      const byText = byVector.filter((hit) => [...words].every((word) => wordsOf(hit.record.text).has(word)));
      const hits: MemoryHit[] = byVector.map(({ record, similarity: vectorScore }, index) => {
        const textIndex = byText.findIndex((hit) => hit.record.id === record.id);
        const textRank = textIndex === -1 ? null : textIndex + 1;
        const fused = 1 / (RRF_K + index + 1) + (textRank === null ? 0 : 1 / (RRF_K + textRank));
        return {
          record: structuredClone(record),
          score: query.mode === 'vector' ? vectorScore : fused,
          vectorScore,
          textRank: query.mode === 'vector' ? null : textRank,
        };
      });
      return Promise.resolve(
        hits
          .filter((hit) => query.minScore === undefined || (hit.vectorScore ?? 0) >= query.minScore)
          .sort((a, b) => b.score - a.score)
          .slice(0, query.topK),
      );
    },

    list(filter, limit) {
      const found = [...records.values()].filter((record) => matches(record, filter)).sort((a, b) => b.updatedAt - a.updatedAt);
      return Promise.resolve(found.slice(0, limit).map((record) => structuredClone(record)));
    },

    delete(selector) {
      const filter = selector.filter ?? {};
      if (selector.keys !== undefined && filter.collection === undefined) return invalid('deleting by key needs a collection');
      let count = 0;
      for (const record of [...records.values()]) {
        if (!matches(record, filter)) continue;
        if (selector.ids !== undefined && !selector.ids.includes(record.id)) continue;
        if (selector.keys !== undefined && (record.key === null || !selector.keys.includes(record.key))) continue;
        records.delete(record.id);
        count++;
      }
      return Promise.resolve(count);
    },

    conversation: {
      read(sessionId, window) {
        if (sessionId === '') return invalid('a conversation needs a session id');
        let turns = (sessions.get(sessionId) ?? []).slice(-(window.maxTurns ?? Number.MAX_SAFE_INTEGER));
        if (window.maxTokens !== undefined) {
          let tokens = 0;
          const kept: Turn[] = [];
          for (const turn of [...turns].reverse()) {
            tokens += estimateTokens(turn.content);
            if (tokens > window.maxTokens) break;
            kept.unshift(turn);
          }
          turns = kept;
        }
        return Promise.resolve(structuredClone(turns));
      },
      append(sessionId, turns, source) {
        if (sessionId === '') return invalid('a conversation needs a session id');
        const list = sessions.get(sessionId) ?? [];
        for (const turn of turns) list.push({ role: turn.role, content: turn.content, at: now(), source: { ...source } });
        sessions.set(sessionId, list);
        return Promise.resolve();
      },
    },

    knowledge: {
      upsert(collection, rows, _source: MemorySource) {
        const table = knowledge.get(collection.name) ?? { schema: structuredClone(collection), rows: new Map() };
        const problem = schemaProblem(table.schema, collection);
        if (problem !== undefined) return invalid(problem);
        for (const [index, row] of rows.entries()) {
          const clean: Record<string, unknown> = {};
          for (const [name, value] of Object.entries(row)) {
            const field = collection.fields.find((f) => f.name === name);
            if (field === undefined) return invalid(`record ${index}: "${name}" is not a field of collection "${collection.name}"`);
            if (value !== null && typeof value !== field.type) return invalid(`record ${index}: "${name}" must be a ${field.type}`);
            clean[name] = value;
          }
          const missing = collection.key.find((name) => clean[name] === undefined || clean[name] === null);
          if (missing !== undefined) return invalid(`record ${index}: key field "${missing}" is missing`);
          table.rows.set(JSON.stringify(collection.key.map((name) => clean[name])), clean);
        }
        knowledge.set(collection.name, table);
        return Promise.resolve({ written: rows.length });
      },
      lookup(collection, where, limit) {
        const table = knowledge.get(collection);
        if (table === undefined) return invalid(`unknown knowledge collection "${collection}"`);
        for (const [name, value] of Object.entries(where)) {
          const field = table.schema.fields.find((f) => f.name === name);
          if (field === undefined) return invalid(`"${name}" is not a field of collection "${collection}"`);
          if (typeof value !== field.type) return invalid(`"${name}" is a ${field.type} field; got a ${typeof value}`);
        }
        const rows = [...table.rows.values()].filter((row) => Object.entries(where).every(([name, value]) => row[name] === value));
        return Promise.resolve(structuredClone(rows.slice(0, limit)));
      },
    },
  };
}

function invalid(message: string): Promise<never> {
  return Promise.reject(new OperonError('OPR-140', message));
}

function matches(record: MemoryRecord, filter: MemoryFilter): boolean {
  if (filter.collection !== undefined && record.collection !== filter.collection) return false;
  if (filter.tags !== undefined && !filter.tags.every((tag) => record.tags.includes(tag))) return false;
  for (const [name, value] of Object.entries(filter.metadata ?? {})) if (record.metadata[name] !== (value satisfies Scalar)) return false;
  for (const [name, value] of Object.entries(filter.source ?? {})) if (record.source[name as keyof MemorySource] !== value) return false;
  return true;
}

function wordsOf(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
}

/** The cosine of two word sets: shared words over the geometric mean of their sizes. */
function similarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  return shared / Math.sqrt(a.size * b.size);
}

/** About four characters a token, as the real store estimates. */
function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

function schemaProblem(declared: KnowledgeCollection, given: KnowledgeCollection): string | undefined {
  const undeclaredKey = given.key.find((name) => !given.fields.some((field) => field.name === name));
  if (undeclaredKey !== undefined) return `key field "${undeclaredKey}" is not a field of collection "${given.name}"`;
  if (given.key.length === 0) return `collection "${given.name}" needs at least one key field`;
  const same = (x: KnowledgeCollection) =>
    JSON.stringify({ fields: [...x.fields].sort((p, q) => p.name.localeCompare(q.name)), key: x.key });
  if (same(declared) !== same(given)) return `collection "${given.name}" was declared with other fields or key: ${same(declared)}`;
  return undefined;
}
