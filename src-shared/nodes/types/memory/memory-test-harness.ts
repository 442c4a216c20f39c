/**
 * For the memory nodes' tests: runs workflows through the real engine with in-memory services and the in-memory
 * memory store (a test double: word-overlap scores; LanceDB is tested in src-main), keeping every event.
 */
import { createEngine } from '../../../engine/engine.ts';
import type { RunResult } from '../../../engine/api.ts';
import type { EngineEvent, EngineEventType, EventOf } from '../../../engine/events.ts';
import { buildWorkflow } from '../../../engine/testing/build-workflow.ts';
import { createMemoryServices, type MemoryServices } from '../../../engine/testing/memory-services.ts';
import { createInMemoryStore, type InMemoryStore } from '../../../memory/testing/in-memory-store.ts';
import type { Workflow } from '../../../workflow/schema.ts';
import { builtinNodeTypes } from '../../builtin.ts';
import { createRegistry } from '../../registry.ts';

export const registry = createRegistry(builtinNodeTypes);

export interface MemoryHarness {
  store: InMemoryStore;
  services: MemoryServices;
  events: EngineEvent[];
  run(workflow: Workflow, inputs?: Record<string, unknown>): Promise<RunResult>;
  of<T extends EngineEventType>(type: T, runId?: string): EventOf<T>[];
}

export function createMemoryHarness(): MemoryHarness {
  // Records and turns are stamped with the run's virtual clock.
  const store = createInMemoryStore({ now: () => services.clock.now() });
  const services = createMemoryServices({ memory: store });
  const engine = createEngine({ registry, services });
  const events: EngineEvent[] = [];
  return {
    store,
    services,
    events,
    run: (workflow, inputs = {}) =>
      engine.run({ workflow, inputs, trigger: { type: 'test' }, onEvent: (event) => events.push(event) }).result,
    of: <T extends EngineEventType>(type: T, runId?: string) =>
      events.filter((event): event is EventOf<T> => event.type === type && (runId === undefined || event.runId === runId)),
  };
}

/**
 * start → (a core.transform `shape` with `input`, when given) → the node (id `mem`, of `type`) → one output per
 * port in `ports`, named after the port.
 */
export function oneNode(type: string, config: Record<string, unknown>, ports: string[], input?: string): Workflow {
  const shape = input === undefined ? [] : [{ id: 'shape', type: 'core.transform', config: { expression: input } }];
  return buildWorkflow(
    registry,
    [
      { id: 'start', type: 'core.manual-trigger' },
      ...shape,
      { id: 'mem', type, config },
      ...ports.map((port) => ({ id: `out-${port}`, type: 'core.output', config: { name: port } })),
    ],
    [
      ...(input === undefined ? ['start.out -> mem.in'] : ['start.out -> shape.in', 'shape.out -> mem.in']),
      ...ports.map((port) => `mem.${port} -> out-${port}.in`),
    ],
  );
}
