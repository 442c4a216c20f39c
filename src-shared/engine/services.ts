import type { LlmTransport, PriceTable } from '../llm/types.ts';
import type { MemoryService } from '../memory/types.ts';
import type { Workflow } from '../workflow/schema.ts';

/**
 * Everything the engine and its nodes need from the outside world, passed in by the host.
 * The engine holds no globals: the Electron utility process, the CLI, `operon serve` and the tests
 * each build their own services (real files and timers, or a virtual clock and a temp dir).
 */
export interface EngineServices {
  clock: Clock;
  /** A number in [0, 1): retry jitter. Tests pass a fixed function. */
  random: () => number;
  /** Ids for runs; sortable by start time. */
  newRunId: () => string;
  /** SHA-256 of a string, hex. Used for the workflow hash and result-cache keys. */
  sha256: (text: string) => Promise<string>;
  http: HttpService;
  files: FileService;
  secrets: SecretService;
  workflows: WorkflowLoader;
  cache: ResultCache;
  /** Model providers: the `openai` SDK on Node. */
  llm: LlmTransport;
  /** Prices per model, for cost and budgets. */
  prices: PriceTable;
  /** The workspace's spend across runs, for its budget. */
  spend: SpendLedger;
  /** The workspace's memory: embedded LanceDB on Node. */
  memory: MemoryService;
}

/** What a workspace has spent on models, and may spend. */
export interface SpendLedger {
  /** The workspace budget in USD, if it has one. */
  budgetUsd(): number | undefined;
  spentUsd(): Promise<number>;
  record(costUsd: number): Promise<void>;
}

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms`; rejects with the signal's reason when it aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Calls `callback` after `ms` unless cancelled; returns the cancel function. */
  setTimer(ms: number, callback: () => void): () => void;
}

export interface HttpService {
  /** The WHATWG fetch: the host may restrict or log it. */
  fetch(url: string, init: RequestInit & { signal: AbortSignal }): Promise<Response>;
}

export type WriteMode = 'overwrite' | 'append' | 'create';

/** Files confined to the workspace's files folder (or what the workspace allows). Paths are relative to it. */
export interface FileService {
  readText(path: string, signal?: AbortSignal): Promise<string>;
  /** Returns the path written, relative to the files folder, and the bytes written. */
  writeText(path: string, text: string, mode: WriteMode): Promise<{ path: string; bytes: number }>;
}

export interface SecretService {
  /** The secret's value, or undefined when it is not set. The host redacts every value it hands out from logs. */
  get(name: string): string | undefined;
}

/** A workflow loaded by reference, with the reference it resolved to (for nested references). */
export interface LoadedWorkflow {
  workflow: Workflow;
  /** Where it came from: a path or a workspace id, used to resolve its own references. */
  ref: string;
}

export interface WorkflowLoader {
  /** Loads and validates a workflow named by `ref`, relative to the workflow at `from` (or the workspace root). */
  load(ref: string, from: string | undefined): Promise<LoadedWorkflow>;
}

export interface CachedResult {
  outputs: Record<string, unknown>;
  /** The run and node that first produced it. */
  runId: string;
  nodeId: string;
  createdAt: number;
}

export interface ResultCache {
  get(key: string): Promise<CachedResult | undefined>;
  set(key: string, value: CachedResult): Promise<void>;
}
