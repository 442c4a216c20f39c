import { createExpressions } from '../expressions/jsonata.ts';
import type { NodeRegistry } from '../nodes/registry.ts';
import type { Engine } from './api.ts';
import { startRun } from './run-execution.ts';
import type { EngineServices } from './services.ts';

/**
 * Creates an engine: a library with its services passed in. It runs validated workflows and emits every
 * event to the run's `onEvent`; it holds no state between runs but a cache of compiled expressions.
 */
export function createEngine(options: { registry: NodeRegistry; services: EngineServices }): Engine {
  const deps = {
    registry: options.registry,
    services: options.services,
    expressions: createExpressions({ sandbox: options.services.sandbox }),
    llmInflight: new Map(),
  };
  return { run: (request) => startRun(deps, request) };
}
