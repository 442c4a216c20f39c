import type { Expressions } from '../expressions/jsonata.ts';
import type { NodeRegistry } from '../nodes/registry.ts';
import type { ChatResponse } from '../llm/types.ts';
import type { EngineServices } from './services.ts';

/** What an engine is built from: the node types it knows and the services its host passes in. */
export interface EngineDeps {
  registry: NodeRegistry;
  services: EngineServices;
  expressions: Expressions;
  /** Model calls in flight by cache key, across the runs of one engine. */
  llmInflight: Map<string, Promise<ChatResponse>>;
}
