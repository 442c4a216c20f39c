import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from '../nodes/builtin.ts';
import { WorkflowSchema } from '../workflow/schema.ts';
import { validateWorkflow } from '../workflow/validate.ts';
import { createEngine } from './engine.ts';
import type { EngineEvent } from './events.ts';
import { createMemoryServices } from './testing/memory-services.ts';

// The misroute: an edge from a Condition's "__proto__" port (or "constructor") looked like a port that was
// produced (`'__proto__' in outputs` is true of every object), so the write behind a false Condition ran.
const HOSTILE = path.join(import.meta.dirname, '../workflow/fixtures/hostile');
const registry = createBuiltinRegistry();

async function readFixture(name: string): Promise<unknown> {
  return JSON.parse(await readFile(path.join(HOSTILE, `${name}.operon.json`), 'utf8'));
}

describe.each(['condition-proto-port', 'condition-constructor-port'])('%s: a write behind a false Condition', (name) => {
  it('is refused by validation, naming the edge and its sourcePort', async () => {
    const result = validateWorkflow(await readFixture(name), registry);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([expect.objectContaining({ code: 'OPR-021', edgeId: 'e2', path: 'edges[1].sourcePort' })]);
  });

  it('never runs, even when a caller skips validation', async () => {
    // Only the file format is parsed: what a caller that skips validateWorkflow would hand the engine.
    const workflow = WorkflowSchema.parse(await readFixture(name));
    const services = createMemoryServices();
    const events: EngineEvent[] = [];
    const handle = createEngine({ registry, services }).run({
      workflow,
      inputs: {},
      trigger: { type: 'test' },
      onEvent: (event) => events.push(event),
    });
    await expect(handle.result).rejects.toMatchObject({ code: 'OPR-021' });
    expect([...services.fileStore.keys()]).toEqual([]);
    expect(events.filter((event) => event.type === 'node.started')).toEqual([]);
  });
});
