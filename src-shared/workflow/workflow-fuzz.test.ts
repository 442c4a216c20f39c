import fc from 'fast-check';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine/engine.ts';
import { createMemoryServices } from '../engine/testing/memory-services.ts';
import { ERROR_CATALOGUE } from '../errors/catalogue.ts';
import { OperonError } from '../errors/operon-error.ts';
import { createBuiltinRegistry } from '../nodes/builtin.ts';
import { parseWorkflowText } from './parse.ts';

// Property-based fuzzing of what a workflow file meets first: the loader and validation, then a run of whatever
// validates. Workflow files (the examples and the hostile fixtures) are mutated at random places: values replaced by
// arbitrary JSON, keys deleted, keys renamed to names JavaScript gives a meaning to. Whatever comes out, loading never
// throws, every problem carries a catalogue code, and a run of a valid result ends (any status) or fails with an
// OperonError, never with anything raw. CI runs a fixed seed; `npm run fuzz` runs many more cases with a new seed.
// A failure prints its seed and path: save the shrunk counterexample as a fixture under fixtures/hostile/.

const ROOT = path.join(import.meta.dirname, '../..');
const SEEDS = [
  'resources/examples/diamond.operon.json',
  'resources/examples/condition-fallback.operon.json',
  'resources/examples/router-subflow.operon.json',
  'resources/examples/approval.operon.json',
  'resources/examples/http-etl.operon.json',
  'src-shared/workflow/fixtures/hostile/router-proto-route.operon.json',
];
const RUNS = Number(process.env.OPERON_FUZZ_RUNS ?? 1000);
const SEED = process.env.OPERON_FUZZ_SEED === 'random' ? Date.now() : Number(process.env.OPERON_FUZZ_SEED ?? 20261203);
const registry = createBuiltinRegistry();

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every container in a document, with the keys (or indexes) it has. */
function containers(value: Json, found: (Json[] | Record<string, Json>)[] = []): (Json[] | Record<string, Json>)[] {
  if (value === null || typeof value !== 'object') return found;
  found.push(value);
  for (const item of Object.values(value)) containers(item, found);
  return found;
}

interface Mutation {
  at: number;
  key: number;
  kind: 'replace' | 'delete' | 'rename';
  value: Json;
  name: string;
}

const MutationArbitrary: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  key: fc.nat(),
  kind: fc.constantFrom('replace' as const, 'delete' as const, 'rename' as const),
  value: fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
  name: fc.constantFrom('__proto__', 'constructor', 'toString', 'prototype', 'in', 'out', 'id', 'x', ''),
});

/** Applies mutations in place, each at a container and key chosen by its numbers. */
function mutate(document: Json, mutations: readonly Mutation[]): Json {
  for (const mutation of mutations) {
    const all = containers(document);
    const target = all[mutation.at % all.length];
    if (target === undefined) continue;
    const keys = Object.keys(target);
    if (keys.length === 0) continue;
    const key = keys[mutation.key % keys.length]!;
    if (Array.isArray(target)) {
      const index = Number(key);
      if (mutation.kind === 'delete') target.splice(index, 1);
      else target[index] = mutation.value;
      continue;
    }
    const old = target[key] as Json;
    if (mutation.kind === 'replace') target[key] = mutation.value;
    else {
      delete target[key];
      // Defined as own data, as JSON.parse would make it (even for "__proto__").
      if (mutation.kind === 'rename')
        Object.defineProperty(target, mutation.name, { value: old, enumerable: true, writable: true, configurable: true });
    }
  }
  return document;
}

async function runToEnd(text: string): Promise<void> {
  const loaded = parseWorkflowText(text, registry);
  for (const problem of loaded.ok ? [] : loaded.problems) {
    expect(Object.hasOwn(ERROR_CATALOGUE, problem.code), `problem code ${problem.code}`).toBe(true);
    expect(typeof problem.message).toBe('string');
  }
  if (!loaded.ok) return;
  // No network: a request fails as fetch fails offline. Time is virtual: delays and retries pass at once.
  const services = { ...createMemoryServices(), http: { fetch: () => Promise.reject(new TypeError('fetch failed (no network here)')) } };
  const handle = createEngine({ registry, services }).run({
    workflow: loaded.workflow,
    inputs: {},
    trigger: { type: 'test' },
    onEvent: () => undefined,
  });
  try {
    const result = await handle.result;
    expect(['succeeded', 'failed', 'cancelled', 'waiting']).toContain(result.status);
  } catch (error) {
    expect(error, `a run failed with something that is not an OperonError: ${String(error)}`).toBeInstanceOf(OperonError);
  }
}

describe(`workflow files under fuzzing (${RUNS} cases a seed file, seed ${SEED})`, () => {
  it.each(SEEDS)('%s: mutated, it loads with named problems or runs to an end', async (file) => {
    const seed = JSON.parse(await readFile(path.join(ROOT, file), 'utf8')) as Json;
    await fc.assert(
      fc.asyncProperty(fc.array(MutationArbitrary, { minLength: 1, maxLength: 4 }), async (mutations) => {
        await runToEnd(JSON.stringify(mutate(structuredClone(seed), mutations)));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('any text at all: loading answers with problems, never throws', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json({ maxDepth: 4 })), (text) => {
        const loaded = parseWorkflowText(text, registry);
        if (!loaded.ok) expect(loaded.problems.length).toBeGreaterThan(0);
      }),
      { numRuns: RUNS * 5, seed: SEED },
    );
  });
});
