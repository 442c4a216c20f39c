import type { Expressions } from '../expressions/jsonata.ts';
import type { NodeRegistry } from '../nodes/registry.ts';
import type { EngineServices } from './services.ts';

/** What an engine is built from: the node types it knows and the services its host passes in. */
export interface EngineDeps {
  registry: NodeRegistry;
  services: EngineServices;
  expressions: Expressions;
}
