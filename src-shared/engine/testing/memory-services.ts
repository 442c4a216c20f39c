import { OperonError } from '../../errors/operon-error.ts';
import type { CachedResult, EngineServices, LoadedWorkflow } from '../services.ts';
import { createVirtualClock, type VirtualClock } from './virtual-clock.ts';

/** SHA-256 hex with Web Crypto, available in browsers and Node. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export interface MemoryServices extends EngineServices {
  clock: VirtualClock;
  fileStore: Map<string, string>;
  cacheStore: Map<string, CachedResult>;
  workflowStore: Map<string, LoadedWorkflow['workflow']>;
}

/**
 * Engine services held in memory with a virtual clock, for engine unit tests that check scheduling
 * semantics. Integration tests use the real Node services (src-main/services) instead.
 */
export function createMemoryServices(options: { secrets?: Record<string, string>; random?: () => number } = {}): MemoryServices {
  const fileStore = new Map<string, string>();
  const cacheStore = new Map<string, CachedResult>();
  const workflowStore = new Map<string, LoadedWorkflow['workflow']>();
  let runCounter = 0;
  return {
    clock: createVirtualClock(),
    random: options.random ?? (() => 0.5),
    newRunId: () => `run-${++runCounter}`,
    sha256: sha256Hex,
    http: { fetch: (url, init) => fetch(url, init) },
    files: {
      readText(path) {
        const text = fileStore.get(path);
        if (text === undefined) return Promise.reject(new OperonError('OPR-110', `file "${path}" does not exist`));
        return Promise.resolve(text);
      },
      writeText(path, text, mode) {
        if (mode === 'create' && fileStore.has(path)) return Promise.reject(new OperonError('OPR-110', `file "${path}" exists`));
        fileStore.set(path, mode === 'append' ? (fileStore.get(path) ?? '') + text : text);
        return Promise.resolve({ path, bytes: new TextEncoder().encode(text).length });
      },
    },
    secrets: { get: (name) => options.secrets?.[name] },
    workflows: {
      load(ref) {
        const workflow = workflowStore.get(ref);
        if (workflow === undefined) return Promise.reject(new OperonError('OPR-111', `workflow "${ref}" not found`));
        return Promise.resolve({ workflow, ref });
      },
    },
    cache: {
      get: (key) => Promise.resolve(cacheStore.get(key)),
      set: (key, value) => {
        cacheStore.set(key, value);
        return Promise.resolve();
      },
    },
    fileStore,
    cacheStore,
    workflowStore,
  };
}
