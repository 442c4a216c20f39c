import type { MemoryService } from '../../../src-shared/memory/types.ts';
import { ConversationTable } from './conversation-table.ts';
import type { Embedder } from './embedder.ts';
import { KnowledgeTables } from './knowledge-table.ts';
import { LanceDir } from './lance-db.ts';
import { SemanticStore } from './semantic-store.ts';
import { VECTOR_INDEX_MIN_ROWS } from './index-settings.ts';

export interface LanceMemoryOptions {
  /** The workspace's `memory/` folder: its own LanceDB directory. Chosen by the host, never by a request. */
  dir: string;
  embedder: Embedder;
  /** Named in the OPR-141 message (`operon memory reindex --workspace <id>`). */
  workspaceId: string;
  /** Rows from which the semantic table gets an IVF_PQ index (default 10,000; lower in tests). */
  vectorIndexThreshold?: number;
  /** Unindexed rows under an existing index from which a write runs `optimize` (default 1,000). */
  optimizeThreshold?: number;
}

export interface MemoryStats {
  workspaceId: string;
  semantic: Awaited<ReturnType<SemanticStore['stats']>>;
  /** The last failure of index maintenance after a write, which did not fail the write. */
  lastMaintenanceError: string | null;
  tables: string[];
}

export type LanceMemory = MemoryService & {
  /** Closes the LanceDB connection; a later call opens it again. */
  close(): Promise<void>;
  /** Re-embeds every semantic record with `embedder` (which becomes the current one) and swaps the table in. */
  reindex(embedder: Embedder, signal?: AbortSignal): Promise<{ rows: number }>;
  stats(): Promise<MemoryStats>;
};

/**
 * A workspace's memory in an embedded LanceDB at `dir`: semantic records (table named in `meta.json`), the
 * `conversation` table, and one `knowledge_<name>` table per knowledge collection. Opens lazily on first call.
 *
 * Search scores: in `vector` mode `score` is the cosine similarity and `minScore` drops hits below it. In `hybrid`
 * mode `minScore` applies to the vector candidates' cosine similarity before fusion (full-text hits have no
 * comparable 0-1 score and are kept); `score` is the reciprocal-rank-fusion score (k = 60, at most 2/61).
 */
export function openLanceMemory(options: LanceMemoryOptions): LanceMemory {
  const lance = new LanceDir(options.dir);
  const semantic = new SemanticStore(lance, options.embedder, {
    workspaceId: options.workspaceId,
    vectorIndexThreshold: options.vectorIndexThreshold ?? VECTOR_INDEX_MIN_ROWS,
    optimizeThreshold: options.optimizeThreshold ?? 1000,
  });
  const conversation = new ConversationTable(lance);
  const knowledge = new KnowledgeTables(lance);
  return {
    write: (records, source, signal) => semantic.write(records, source, signal),
    search: (query, signal) => semantic.search(query, signal),
    list: (filter, limit) => semantic.list(filter, limit),
    delete: (selector) => semantic.delete(selector),
    conversation: {
      read: (sessionId, window) => conversation.read(sessionId, window),
      append: (sessionId, turns, source) => conversation.append(sessionId, turns, source),
    },
    knowledge: {
      upsert: (collection, records, source) => knowledge.upsert(collection, records, source),
      lookup: (collection, where, limit) => knowledge.lookup(collection, where, limit),
    },
    close: () => lance.close(),
    reindex: (embedder, signal) => semantic.reindex(embedder, signal),
    stats: async () => ({
      workspaceId: options.workspaceId,
      semantic: await semantic.stats(),
      lastMaintenanceError: semantic.lastMaintenanceError,
      tables: await lance.tableNames(),
    }),
  };
}
