import type { MemoryService } from './types.ts';

/**
 * A MemoryService that opens the real one on first use: runs that never touch memory never load an embedding
 * model or open a database. A failed open is retried on the next call.
 */
export function lazyMemory(open: () => Promise<MemoryService>): MemoryService & { opened(): MemoryService | undefined } {
  let opening: Promise<MemoryService> | undefined;
  let service: MemoryService | undefined;
  const get = (): Promise<MemoryService> => {
    opening ??= open().then(
      (opened) => (service = opened),
      (error: unknown) => {
        opening = undefined;
        throw error;
      },
    );
    return opening;
  };
  return {
    opened: () => service,
    write: async (...args) => (await get()).write(...args),
    search: async (...args) => (await get()).search(...args),
    list: async (...args) => (await get()).list(...args),
    delete: async (...args) => (await get()).delete(...args),
    conversation: {
      read: async (...args) => (await get()).conversation.read(...args),
      append: async (...args) => (await get()).conversation.append(...args),
    },
    knowledge: {
      upsert: async (...args) => (await get()).knowledge.upsert(...args),
      lookup: async (...args) => (await get()).knowledge.lookup(...args),
    },
  };
}
