import type { Expressions } from '../expressions/jsonata.ts';
import type { NodeRegistry } from '../nodes/registry.ts';
import type { Workflow } from '../workflow/schema.ts';
import type { RunRequest } from './api.ts';
import type { EventBody } from './events.ts';
import type { EngineServices } from './services.ts';

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
  emit(body: EventBody): void;
  /** Counts one node execution; throws OPR-106 past settings.maxNodeExecutions. */
  countExecution(): void;
  /** Whether the result cache applies to this node in this run. */
  cacheEnabled(nodeCacheSetting: boolean | undefined): boolean;
  /** Runs a workflow as a child run of this node. */
  runChild(ref: string, inputs: Record<string, unknown>, signal: AbortSignal, nodeId: string): Promise<Record<string, unknown>>;
}
