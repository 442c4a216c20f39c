import type { Expressions } from '../expressions/jsonata.ts';
import type { NodeRegistry } from '../nodes/registry.ts';
import type { Workflow } from '../workflow/schema.ts';
import type { RunRequest } from './api.ts';
import type { EventBody, EventOf } from './events.ts';
import type { ChatResponse } from '../llm/types.ts';
import type { LlmTotals } from './llm-totals.ts';
import type { NodeLlmUse } from './run-state.ts';
import type { EngineServices } from './services.ts';
import type { SecretGuard } from './secret-guard.ts';

/** What node execution needs from the run it belongs to. One per run; never shared between runs. */
export interface RunScope {
  runId: string;
  workflow: Workflow;
  request: RunRequest;
  services: EngineServices;
  registry: NodeRegistry;
  expressions: Expressions;
  /** Aborts when the run is cancelled, fails, or passes its time limit. */
  signal: AbortSignal;
  runInputs: Record<string, unknown>;
  /** The secrets this run resolved and where they may go (OPR-190); this run's own, resolved again on resume. */
  secretGuard: SecretGuard;
  emit(body: EventBody): void;
  /** Emits a `node.llm` event and adds it to the run's model totals. */
  recordLlm(call: Omit<EventOf<'node.llm'>, 'seq' | 'ts' | 'runId' | 'type'>): void;
  /** One node's model use in this run, across its attempts and resumes (created on first use). */
  nodeLlmUse(nodeId: string): NodeLlmUse;
  /** The run's model calls so far (for budgets and totals). */
  llmTotals: LlmTotals;
  /** Model calls in flight by cache key, shared by every run of this engine: identical calls are sent once. */
  llmInflight: Map<string, Promise<ChatResponse>>;
  /** Counts one node execution; throws OPR-106 past settings.maxNodeExecutions. */
  countExecution(): void;
  /**
   * Waits until the run's events so far are stored (a node that reaches outside the run calls it after its
   * `node.started`, so a resume knows it may have acted); false when storing failed and the run is failing.
   */
  persistStarted(): Promise<boolean>;
  /** Whether the result cache applies to this node in this run. */
  cacheEnabled(nodeCacheSetting: boolean | undefined): boolean;
  /** Runs a workflow as a child run of this node. */
  runChild(ref: string, inputs: Record<string, unknown>, signal: AbortSignal, nodeId: string): Promise<Record<string, unknown>>;
}
