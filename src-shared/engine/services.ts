import type { LlmTransport, PriceTable } from '../llm/types.ts';
import type { MemoryService } from '../memory/types.ts';
import type { Clock } from '../services/clock.ts';
import type { FileService } from '../services/files.ts';
import type { HttpService } from '../services/http.ts';
import type { Sandbox } from '../services/sandbox.ts';
import type { SecretService } from '../services/secrets.ts';
import type { TenantPolicy } from '../policy/policy-schema.ts';
import type { Workflow } from '../workflow/schema.ts';

/**
 * Everything the engine and its nodes need from the outside world, passed in by the host.
 * The engine holds no globals: the Electron utility process, the CLI, `operon serve` and the tests
 * each build their own services (real files and timers, or a virtual clock and a temp dir).
 * What nodes see too (clock, HTTP, files, secrets, models, memory) is declared a floor below, in
 * `src-shared/services/`, `src-shared/llm/` and `src-shared/memory/`; the rest only the engine uses.
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
  /** Where expressions that could run for ever, and inputs schemas with patterns, run: worker threads on Node. */
  sandbox: Sandbox;
  /**
   * The workspace's policy (docs/policies.md), when it has one: the engine refuses a run of a workflow it does not allow
   * (node types, model providers, Agent tools) and caps model spend with its per-run and per-day budgets. The HTTP
   * service applies its egress rules itself.
   */
  policy?: TenantPolicy;
}

/** What a workspace has spent on models, and may spend. */
export interface SpendLedger {
  /** The workspace budget in USD, if it has one. */
  budgetUsd(): number | undefined;
  spentUsd(): Promise<number>;
  /** What the workspace spent on the current UTC day (tokens of every call, USD of priced ones). */
  spentToday(): Promise<{ usd: number; tokens: number }>;
  record(costUsd: number, tokens?: number): Promise<void>;
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
