import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src-shared/api/errors.ts';
import type { EngineEvent } from '../../src-shared/engine/events.ts';
import { WorkflowSchema } from '../../src-shared/workflow/schema.ts';
import { serializeWorkflow } from '../../src-shared/workflow/serialize.ts';
import { builtinNodeTypes } from '../../src-shared/nodes/builtin.ts';
import { listFiles } from '../services/test-support.ts';
import { pushedEvents, serveForTest } from './testing/test-server.ts';

const EXAMPLES = path.join(import.meta.dirname, '../../resources/examples');

const example = (name: string) => readFile(path.join(EXAMPLES, `${name}.operon.json`), 'utf8');
const finishedOf = (runId: string) => (events: { runId: string; event: EngineEvent }[]) =>
  events.some((payload) => payload.runId === runId && payload.event.type === 'run.finished');

describe('operon serve: workflows over a real WebSocket', () => {
  it('imports, lists, opens, renames, exports and deletes a workflow', async () => {
    const { client, dataDir } = await serveForTest();
    const text = await example('diamond');
    const imported = await client.call('workflows.import', { text });
    expect(imported.problems).toEqual([]);
    expect(imported.summary).toMatchObject({ id: 'diamond', nodes: 7 });
    const file = path.join(dataDir, 'workspaces/default/workflows/diamond.operon.json');
    const stored = WorkflowSchema.parse(JSON.parse(text));
    expect(await readFile(file, 'utf8')).toBe(serializeWorkflow(stored));

    const again = await client.call('workflows.import', { text });
    expect(again).toMatchObject({ renamedFrom: 'diamond', summary: { id: 'diamond-2' } });

    expect((await client.call('workflows.list', {})).workflows.map((w) => w.id)).toEqual(['diamond', 'diamond-2']);
    const opened = await client.call('workflows.open', { id: 'diamond' });
    expect(opened).toEqual({ workflow: stored, problems: [] });

    const renamed = await client.call('workflows.rename', { id: 'diamond', name: 'Aardvark' });
    expect(renamed).toMatchObject({ id: 'diamond', name: 'Aardvark' });
    const exported = await client.call('workflows.export', { id: 'diamond' });
    expect(exported).toEqual({ fileName: 'Aardvark.operon.json', text: serializeWorkflow({ ...stored, name: 'Aardvark' }) });
    expect(await readFile(file, 'utf8')).toBe(exported.text);

    expect(await client.call('workflows.delete', { id: 'diamond-2' })).toEqual({ deleted: true });
    expect((await client.call('workflows.list', {})).workflows.map((w) => w.id)).toEqual(['diamond']);
    await expect(client.call('workflows.open', { id: 'diamond-2' })).rejects.toMatchObject({ code: 'OPR-161' });
    await expect(client.call('workflows.delete', { id: 'diamond-2' })).rejects.toBeInstanceOf(ApiError);
  });

  it('saves a draft with validation problems and returns them; refuses a document that is not the file format', async () => {
    const { client } = await serveForTest();
    const draft = {
      schemaVersion: 1 as const,
      id: 'draft',
      name: 'Draft',
      nodes: [
        { id: 'start', type: 'core.manual-trigger', typeVersion: 1, position: { x: 0, y: 0 }, config: {} },
        { id: 'mystery', type: 'core.nope', typeVersion: 1, position: { x: 100, y: 0 }, config: {} },
      ],
      edges: [{ id: 'e1', source: 'start', sourcePort: 'out', target: 'ghost', targetPort: 'in' }],
    };
    const saved = await client.call('workflows.save', { workflow: draft });
    expect(saved.problems.map((p) => p.code).sort()).toEqual(['OPR-010', 'OPR-012']);
    const opened = await client.call('workflows.open', { id: 'draft' });
    expect(opened.workflow.nodes.map((n) => n.id)).toEqual(['start', 'mystery']);
    expect(opened.problems).toEqual(saved.problems);
    expect((await client.call('workflows.validate', { workflow: draft })).ok).toBe(false);

    const notAWorkflow = { ...draft, nodes: 'none' } as unknown as typeof draft;
    const refused = await client.call('workflows.save', { workflow: notAWorkflow }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'OPR-160', problems: [{ path: 'input.workflow.nodes' }] });

    const broken = await client.call('workflows.import', { text: '{\n  "id": "x",\n  oops\n}' }).catch((error: unknown) => error);
    expect(broken).toMatchObject({ code: 'OPR-001', message: /line 3, column 3/ });
  });

  it('serves the node type catalogue: every builtin type with a JSON Schema', async () => {
    const { client } = await serveForTest();
    const { nodeTypes } = await client.call('nodeTypes.catalogue', {});
    expect(nodeTypes.map((t) => t.type)).toEqual(builtinNodeTypes.map((t) => t.type));
    for (const nodeType of nodeTypes) expect(nodeType.configSchema).toMatchObject({ $schema: expect.any(String), type: 'object' });
  });
});

describe('operon serve: runs over a real WebSocket', () => {
  it('runs the diamond example: watched events end with run.finished succeeded; the log pages back', async () => {
    const connection = await serveForTest();
    const { client } = connection;
    await client.call('workflows.import', { text: await example('diamond') });
    const { runId } = await client.call('runs.start', { workflowId: 'diamond', inputs: { numbers: [1, 2, 3] } });
    await connection.watch(runId);
    await connection.waitForRunEvents(finishedOf(runId));
    await connection.waitForStatus(runId, 'succeeded');
    const changed = connection.changes.filter((change) => change.runId === runId).map((change) => change.status);

    const live = pushedEvents(connection, runId);
    expect(live[0]?.type).toBe('run.started');
    const last = live.at(-1);
    expect(last).toMatchObject({ type: 'run.finished', status: 'succeeded' });
    expect(live.map((e) => e.seq)).toEqual(live.map((_, i) => i));
    expect(changed).toEqual(['running', 'succeeded']);
    expect(await connection.waitForWatchEnd(runId)).toEqual({ workspace: 'default', runId, reason: 'finished', nextSeq: live.length });

    const first = await client.call('runs.events', { runId, limit: 5 });
    expect(first.events.map((e) => e.seq)).toEqual([0, 1, 2, 3, 4]);
    expect(first.nextSeq).toBe(5);
    const rest = await client.call('runs.events', { runId, fromSeq: 5, limit: 5_000 });
    expect(rest.nextSeq).toBeNull();
    expect([...first.events, ...rest.events]).toEqual(live);

    const { run } = await client.call('runs.get', { runId });
    expect(run).toMatchObject({ runId, status: 'succeeded', workflowId: 'diamond', inputs: { numbers: [1, 2, 3] } });
    expect(run.outputs).toEqual(last?.type === 'run.finished' ? last.outputs : undefined);
    expect((await client.call('runs.list', { workflowId: 'diamond' })).runs.map((r) => r.runId)).toEqual([runId]);
    expect((await client.call('runs.list', { workflowId: 'other' })).runs).toEqual([]);
    await expect(client.call('runs.get', { runId: 'no-such-run' })).rejects.toMatchObject({ code: 'OPR-150' });
  });

  it('refuses to run invalid inputs or an invalid workflow, naming the problems', async () => {
    const { client } = await serveForTest();
    await client.call('workflows.import', { text: await example('diamond') });
    await expect(client.call('runs.start', { workflowId: 'diamond', inputs: { numbers: 'many' } })).rejects.toMatchObject({
      code: 'OPR-030',
      problems: [{ path: 'inputs.numbers' }],
    });
    await client.call('workflows.save', {
      workflow: {
        schemaVersion: 1,
        id: 'bad',
        name: 'Bad',
        nodes: [{ id: 'x', type: 'core.nope', typeVersion: 1, position: { x: 0, y: 0 }, config: {} }],
        edges: [],
      },
    });
    await expect(client.call('runs.start', { workflowId: 'bad' })).rejects.toMatchObject({ code: 'OPR-010', problems: [{ nodeId: 'x' }] });
  });

  it('waits on the approval example, then runs.decide approves and the run finishes', async () => {
    const connection = await serveForTest();
    const { client, dataDir } = connection;
    await client.call('workflows.import', { text: await example('approval') });
    const { runId } = await client.call('runs.start', { workflowId: 'refund-approval' });
    await connection.watch(runId);
    await connection.waitForStatus(runId, 'waiting');
    expect((await client.call('runs.get', { runId })).run).toMatchObject({ status: 'waiting', pending: [{ nodeId: 'approve' }] });

    await expect(client.call('runs.decide', { runId, nodeId: 'draft', decision: 'approved' })).rejects.toMatchObject({ code: 'OPR-152' });
    expect(await client.call('runs.decide', { runId, decision: 'approved', by: 'ana', comment: 'ok' })).toEqual({ runId });
    await connection.waitForStatus(runId, 'succeeded');
    // The watch made before the wait streams the decided run on, to its end.
    await connection.waitForWatchEnd(runId);
    const events = pushedEvents(connection, runId);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i));
    expect(events.filter((e) => e.type === 'run.waiting' || e.type === 'run.resumed').map((e) => e.type)).toEqual([
      'run.waiting',
      'run.resumed',
    ]);
    expect(events.find((e) => e.type === 'node.decision')).toMatchObject({
      nodeId: 'approve',
      decision: { decision: 'approved', by: 'ana', comment: 'ok' },
    });
    expect(events.at(-1)).toMatchObject({ type: 'run.finished', status: 'succeeded' });
    const run = (await client.call('runs.get', { runId })).run;
    expect(run.status).toBe('succeeded');
    expect(await listFiles(path.join(dataDir, 'workspaces/default/files'))).toHaveLength(1);
  });

  it('cancels a run it is running', async () => {
    const connection = await serveForTest();
    const { client } = connection;
    await client.call('workflows.save', {
      workflow: {
        schemaVersion: 1,
        id: 'slow',
        name: 'Slow',
        nodes: [
          { id: 'start', type: 'core.manual-trigger', typeVersion: 1, position: { x: 0, y: 0 }, config: {} },
          { id: 'wait', type: 'core.delay', typeVersion: 1, position: { x: 100, y: 0 }, config: { ms: 60_000 } },
        ],
        edges: [{ id: 'e1', source: 'start', sourcePort: 'out', target: 'wait', targetPort: 'in' }],
      },
    });
    const { runId } = await client.call('runs.start', { workflowId: 'slow' });
    await connection.watch(runId);
    await connection.waitForRunEvents((events) => events.some((p) => p.runId === runId && p.event.type === 'node.started'));
    expect(await client.call('runs.cancel', { runId })).toEqual({ cancelled: true });
    await connection.waitForStatus(runId, 'cancelled');
    await connection.waitForWatchEnd(runId);
    expect(pushedEvents(connection, runId).at(-1)).toMatchObject({ type: 'run.finished', status: 'cancelled' });
    expect(await client.call('runs.cancel', { runId })).toEqual({ cancelled: false });
  });
});
