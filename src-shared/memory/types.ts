/**
 * The memory contract: semantic memory (text with an embedding, searched by meaning), short-term conversation
 * memory (turns by session), and structured knowledge (typed records looked up by field values). The engine sees
 * only this; on Node it is an embedded LanceDB per workspace (`src-main/services/memory/`).
 */

/** Which workflow, run and node wrote a record: every record says where it came from. */
export interface MemorySource {
  workflowId?: string;
  runId?: string;
  nodeId?: string;
}

export interface MemoryRecord {
  id: string;
  collection: string;
  /** Set when the record was written with a key: a later write with the same collection and key replaces it. */
  key: string | null;
  text: string;
  metadata: Record<string, unknown>;
  tags: string[];
  source: MemorySource;
  createdAt: number;
  updatedAt: number;
}

export interface MemoryWrite {
  collection: string;
  text: string;
  key?: string;
  metadata?: Record<string, unknown>;
  tags?: string[];
}

/** Structured filters: the store turns them into a quoted query, never pasting text into one. */
export interface MemoryFilter {
  collection?: string;
  /** Records that have every one of these tags. */
  tags?: string[];
  /** Equality on top-level metadata fields. */
  metadata?: Record<string, string | number | boolean>;
  source?: MemorySource;
}

export interface MemoryQuery {
  text: string;
  topK: number;
  /** Drop hits scoring below this (0 to 1, vector similarity; hybrid scores are fused ranks, see `score`). */
  minScore?: number;
  filter?: MemoryFilter;
  /** `vector`: by meaning; `hybrid`: vector and full-text results fused by reciprocal rank. */
  mode: 'vector' | 'hybrid';
}

export interface MemoryHit {
  record: MemoryRecord;
  /** Vector mode: cosine similarity (1 is identical). Hybrid mode: the reciprocal-rank-fusion score. */
  score: number;
  vectorScore: number | null;
  /** 1-based rank in the full-text results, when the record was found there. */
  textRank: number | null;
}

export interface Turn {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string;
  at: number;
  source: MemorySource;
}

export interface KnowledgeField {
  name: string;
  type: 'string' | 'number' | 'boolean';
}

/** A knowledge collection: a declared schema of fields, and the fields that identify a record. */
export interface KnowledgeCollection {
  name: string;
  fields: KnowledgeField[];
  key: string[];
}

export type Scalar = string | number | boolean;

/**
 * A workspace's memory. Errors are OperonErrors: OPR-140 (bad request: an unknown collection, a value of the wrong
 * type), OPR-141 (the table was built with another embedder or dimension: names `operon memory reindex`),
 * OPR-142 (storage failed; retried where that can help).
 */
export interface MemoryService {
  /** Writes records (upserting those with a key), embedding their text. Returns them as stored. */
  write(records: MemoryWrite[], source: MemorySource, signal?: AbortSignal): Promise<MemoryRecord[]>;
  search(query: MemoryQuery, signal?: AbortSignal): Promise<MemoryHit[]>;
  list(filter: MemoryFilter, limit: number): Promise<MemoryRecord[]>;
  /** Deletes by ids, by keys (within `filter.collection`), or everything the filter matches. Returns how many. */
  delete(selector: { ids?: string[]; keys?: string[]; filter?: MemoryFilter }): Promise<number>;
  conversation: {
    /** The session's last turns, oldest first, windowed by turn count and/or an estimated token count. */
    read(sessionId: string, window: { maxTurns?: number; maxTokens?: number }): Promise<Turn[]>;
    append(sessionId: string, turns: { role: Turn['role']; content: string }[], source: MemorySource): Promise<void>;
  };
  knowledge: {
    /** Declares (or checks) the collection's schema, then upserts records by its key fields. */
    upsert(collection: KnowledgeCollection, records: Record<string, unknown>[], source: MemorySource): Promise<{ written: number }>;
    lookup(collection: string, where: Record<string, Scalar>, limit: number): Promise<Record<string, unknown>[]>;
  };
}
