import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src-shared/engine/events.ts';
import { createBuiltinRegistry } from '../../src-shared/nodes/builtin.ts';
import { createHost, type Host } from './host.ts';
import { loadWorkflowFile } from './workflow-files.ts';

/**
 * Engine integration tests: every fixture workflow in ./fixtures runs through a real host (real files, real
 * clock, real run logs) and must produce the outputs, per-node results and start order in its `.expected.json`.
 * The network is blocked: fetch is replaced by one that refuses every request.
 */
const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const EXAMPLES = path.join(import.meta.dirname, '../../resources/examples');
const registry = createBuiltinRegistry();

interface Expected {
  inputs: Record<string, unknown>;
  status: string;
  outputs: Record<string, unknown>;
  started?: string[];
  nodes?: Record<string, { status: string; outputs?: Record<string, unknown>; errorHandled?: string }>;
}

let dataDir: string;
let host: Host;
const realFetch = globalThis.fetch;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'operon-fixtures-'));
  globalThis.fetch = (input) =>
    Promise.reject(
      new Error(`network blocked in fixture tests: ${typeof input === 'string' ? input : input instanceof URL ? input.href : input.url}`),
    );
  host = await createHost({ dataDir, workspace: 'fixtures', env: {}, registry });
});

afterAll(async () => {
  globalThis.fetch = realFetch;
  await host.close();
  await rm(dataDir, { recursive: true, force: true });
});

const names = (await readdir(FIXTURES)).filter((f) => f.endsWith('.operon.json')).map((f) => f.replace('.operon.json', ''));

describe.each(names)('fixture %s', (name) => {
  it('produces the expected outputs, node results and order', async () => {
    const file = path.join(FIXTURES, `${name}.operon.json`);
    const expected = JSON.parse(await readFile(path.join(FIXTURES, `${name}.expected.json`), 'utf8')) as Expected;
    const loaded = await loadWorkflowFile(file, registry);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    const events: EngineEvent[] = [];
    const handle = await host.startRun({
      workflow: loaded.workflow,
      workflowRef: file,
      inputs: expected.inputs,
      onEvent: (e) => events.push(e),
    });
    const result = await handle.result;
    expect(result.status).toBe(expected.status);
    expect(result.outputs).toMatchObject(expected.outputs);
    if (expected.started !== undefined) {
      const started = events
        .filter((e) => e.type === 'node.started' && e.attempt === 1 && e.runId === result.runId)
        .map((e) => (e as { nodeId: string }).nodeId);
      expect(started).toEqual(expected.started);
    }
    for (const [nodeId, node] of Object.entries(expected.nodes ?? {})) {
      const last = events
        .filter(
          (e) =>
            e.runId === result.runId && 'nodeId' in e && e.nodeId === nodeId && (e.type === 'node.finished' || e.type === 'node.skipped'),
        )
        .at(-1);
      expect(last, `node ${nodeId} settled`).toBeDefined();
      if (node.status === 'skipped') expect(last?.type).toBe('node.skipped');
      else
        expect(last).toMatchObject({
          type: 'node.finished',
          status: node.status,
          ...(node.outputs === undefined ? {} : { outputs: node.outputs }),
          ...(node.errorHandled === undefined ? {} : { errorHandled: node.errorHandled }),
        });
    }
  });
});

describe('coverage of node types', () => {
  it('every registered node type is used by a fixture or an example workflow', async () => {
    const files = [
      ...(await readdir(FIXTURES)).filter((f) => f.endsWith('.operon.json')).map((f) => path.join(FIXTURES, f)),
      ...(await readdir(EXAMPLES, { recursive: true })).filter((f) => f.endsWith('.operon.json')).map((f) => path.join(EXAMPLES, f)),
    ];
    const used = new Set<string>();
    for (const file of files) {
      const loaded = await loadWorkflowFile(file, registry);
      expect(loaded.ok, `${file} is valid`).toBe(true);
      if (!loaded.ok) continue;
      for (const node of loaded.workflow.nodes) {
        used.add(node.type);
        const inner = (node.config as { node?: { type?: unknown } }).node?.type;
        if (node.type === 'core.map' && typeof inner === 'string') used.add(inner);
      }
    }
    expect(
      registry
        .list()
        .map((t) => t.type)
        .filter((t) => !used.has(t)),
    ).toEqual([]);
  });
});
