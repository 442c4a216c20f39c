import { OperonError } from '../errors/operon-error.ts';
import type { MemoryService } from './types.ts';

/** A MemoryService that refuses every call with OPR-140 and `reason`: for hosts and tests that have no memory. */
export function unavailableMemory(reason: string): MemoryService {
  const refuse = (): Promise<never> => Promise.reject(new OperonError('OPR-140', reason));
  return {
    write: refuse,
    search: refuse,
    list: refuse,
    delete: refuse,
    conversation: { read: refuse, append: refuse },
    knowledge: { upsert: refuse, lookup: refuse },
  };
}
