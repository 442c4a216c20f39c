import { createInProcessSandbox } from '../../expressions/in-process-sandbox.ts';
import type { Sandbox } from '../../services/sandbox.ts';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { OperonError } from '../../errors/operon-error.ts';
import type { CachedResult, EngineServices, LoadedWorkflow } from '../services.ts';
import type { ChatOptions, ChatRequest, ChatResponse, LlmTransport, PriceTable } from '../../llm/types.ts';
import type { MemoryService } from '../../memory/types.ts';
import { unavailableMemory } from '../../memory/unavailable-memory.ts';
import { createVirtualClock, type VirtualClock } from './virtual-clock.ts';

/**
 * SHA-256 hex, computed synchronously: WebCrypto's digest runs on a thread pool, and while it is in flight the
 * virtual clock would see the engine as idle and fire timers early.
 */
export function sha256Hex(text: string): Promise<string> {
  return Promise.resolve(bytesToHex(sha256(new TextEncoder().encode(text))));
}

/**
 * A model transport for engine unit tests: answers each request with the next scripted reply (a response, or an
 * error to throw), and keeps the requests it received. Integration tests use the real SDK against a loopback server.
 */
export function createScriptedTransport(
  replies: (ChatResponse | Error | ((request: ChatRequest, options: ChatOptions) => ChatResponse | Error))[] = [],
): LlmTransport & {
  requests: ChatRequest[];
  replies: typeof replies;
} {
  const requests: ChatRequest[] = [];
  return {
    requests,
    replies,
    providers: () => ['test'],
    chat(request, options) {
      requests.push(request);
      const next = replies.shift();
      if (next === undefined) return Promise.reject(new OperonError('OPR-121', `no scripted reply left for request ${requests.length}`));
      const reply = typeof next === 'function' ? next(request, options) : next;
      if (reply instanceof Error) return Promise.reject(reply);
      if (options.onDelta !== undefined && reply.message.content !== null)
        for (const word of reply.message.content.split(/(?<= )/)) options.onDelta(word);
      return Promise.resolve(reply);
    },
  };
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
export function createMemoryServices(
  options: {
    secrets?: Record<string, string>;
    random?: () => number;
    llm?: LlmTransport;
    prices?: PriceTable;
    workspaceBudgetUsd?: number;
    memory?: MemoryService;
    /** In process unless a test passes the worker pool. */
    sandbox?: Sandbox;
  } = {},
): MemoryServices {
  let spentUsd = 0;
  let spentTokens = 0;
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
    sandbox: options.sandbox ?? createInProcessSandbox(),
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
    llm: options.llm ?? createScriptedTransport(),
    prices: options.prices ?? { currency: 'USD', models: {} },
    memory: options.memory ?? unavailableMemory('no memory in these engine tests: memory is tested with LanceDB in src-main'),
    spend: {
      budgetUsd: () => options.workspaceBudgetUsd,
      spentUsd: () => Promise.resolve(spentUsd),
      spentToday: () => Promise.resolve({ usd: spentUsd, tokens: spentTokens }),
      record: (costUsd, tokens = 0) => {
        spentUsd += costUsd;
        spentTokens += tokens;
        return Promise.resolve();
      },
    },
    fileStore,
    cacheStore,
    workflowStore,
  };
}
