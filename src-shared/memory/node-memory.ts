import type { MemoryFilter, MemoryHit, MemoryQuery, MemoryRecord, MemoryWrite, KnowledgeCollection, Scalar, Turn } from './types.ts';

/**
 * Memory as a node uses it: the same calls as the workspace's MemoryService, with the node's workflow, run and
 * node stamped on everything it writes, and every call logged as a `node.memory` event.
 */
export interface NodeMemory {
  write(records: MemoryWrite[]): Promise<MemoryRecord[]>;
  search(query: MemoryQuery): Promise<MemoryHit[]>;
  list(filter: MemoryFilter, limit: number): Promise<MemoryRecord[]>;
  delete(selector: { ids?: string[]; keys?: string[]; filter?: MemoryFilter }): Promise<number>;
  conversation: {
    read(sessionId: string, window: { maxTurns?: number; maxTokens?: number }): Promise<Turn[]>;
    append(sessionId: string, turns: { role: Turn['role']; content: string }[]): Promise<void>;
  };
  knowledge: {
    upsert(collection: KnowledgeCollection, records: Record<string, unknown>[]): Promise<{ written: number }>;
    lookup(collection: string, where: Record<string, Scalar>, limit: number): Promise<Record<string, unknown>[]>;
  };
}
