import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGate, type Gate } from '../../services/testing/gate.ts';
import { waitUntil } from '../../services/testing/waiting.ts';
import { createActivationStore } from './activation-store.ts';
import { fireHook, gatedWorkflow, startService, type ServiceHarness } from './testing/service-harness.ts';

let dataDir: string;
let gate: Gate;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'operon-dispatcher-'));
  gate = await startGate({ ok: true });
});
/** Services a test started, closed before their folder is removed (onTestFinished runs after afterEach). */
const opened: ServiceHarness[] = [];
const open = async (): Promise<ServiceHarness> => {
  const harness = await startService(dataDir);
  opened.push(harness);
  return harness;
};
afterEach(async () => {
  for (const harness of opened.splice(0)) await harness.close();
  await gate.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function serviceWith(settings: Record<string, unknown>): Promise<ServiceHarness> {
  const harness = await open();
  await harness.store.write(gatedWorkflow('hooked', gate.url, settings));
  await harness.call('triggers.setActive', { workflowId: 'hooked', active: true, by: 'test' });
  return harness;
}

describe('the dispatcher applies the overlap policy', () => {
  it('parallel: up to maxParallelRuns at once, then queued; the queued one starts when a place frees up', async () => {
    const harness = await serviceWith({ overlap: 'parallel', maxParallelRuns: 2 });
    const first = await fireHook(harness, 'hooked');
    const second = await fireHook(harness, 'hooked');
    const third = await fireHook(harness, 'hooked');
    expect([first, second, third].map((fired) => fired.firing.outcome)).toEqual(['started', 'started', 'queued']);
    await gate.requested(2);
    expect(gate.requests).toBe(2);
    expect(harness.service.dispatcher.running('default', 'hooked')).toBe(2);
    gate.open();
    const queued = await third.run;
    const result = await queued?.result;
    expect(result).toMatchObject({ status: 'succeeded', outputs: { reply: { status: 200, body: { ok: true } } } });
    expect(gate.requests).toBe(3);
    const log = (await harness.call('triggers.log', {})) as { firings: { id: string; outcome: string; runId?: string }[] };
    expect(log.firings.filter((firing) => firing.id === third.firing.id).map((firing) => firing.outcome)).toEqual(['started', 'queued']);
    expect(log.firings[0]).toMatchObject({ outcome: 'started', runId: queued?.runId });
    expect(harness.events('triggers.fired')).toHaveLength(4);
  });

  it('queue: one run at a time, oldest first', async () => {
    const harness = await serviceWith({ overlap: 'queue' });
    const first = await fireHook(harness, 'hooked', { n: 1 });
    const second = await fireHook(harness, 'hooked', { n: 2 });
    expect([first.firing.outcome, second.firing.outcome]).toEqual(['started', 'queued']);
    await gate.requested(1);
    const activation = (await harness.call('triggers.list', {})) as { workflows: { running: number; queued: number }[] };
    expect(activation.workflows).toEqual([expect.objectContaining({ workflowId: 'hooked', active: true, running: 1, queued: 1 })]);
    expect(gate.requests).toBe(1);
    gate.open();
    const started = await second.run;
    await started?.result;
    expect(gate.requests).toBe(2);
  });

  it('skip: a firing while a run goes on starts nothing and says so', async () => {
    const harness = await serviceWith({ overlap: 'skip' });
    const first = await fireHook(harness, 'hooked');
    const second = await fireHook(harness, 'hooked');
    expect(second.firing).toMatchObject({ outcome: 'skipped', reason: expect.stringContaining('going on') as unknown });
    expect(second.run).toBeUndefined();
    gate.open();
    await (
      await first.run
    )?.result;
    const third = await fireHook(harness, 'hooked');
    expect(third.firing.outcome).toBe('started');
    await (
      await third.run
    )?.result;
    expect(gate.requests).toBe(2);
  });

  it('the queue is bounded, and what waits in it starts after a restart of the service', async () => {
    const harness = await serviceWith({ overlap: 'queue', queueLimit: 2 });
    const outcomes = [];
    for (let n = 1; n <= 4; n++) outcomes.push((await fireHook(harness, 'hooked', { n })).firing);
    expect(outcomes.map((firing) => firing.outcome)).toEqual(['started', 'queued', 'queued', 'refused']);
    expect(outcomes[3]).toMatchObject({ code: 'OPR-235', reason: expect.stringContaining('queue is full') as unknown });
    await gate.requested(1);
    await harness.close(); // cancels the run going on; the two queued firings stay on disk

    const again = await open();
    await gate.requested(2); // the oldest queued firing started on start-up
    gate.open();
    await waitUntil(async () => {
      const log = (await again.call('triggers.log', { workflowId: 'hooked' })) as { firings: { id: string; outcome: string }[] };
      return log.firings.filter((firing) => firing.outcome === 'started').length === 3;
    }, 'both queued firings started after the restart');
    const log = (await again.call('triggers.log', { workflowId: 'hooked' })) as {
      firings: { id: string; outcome: string; runId?: string }[];
    };
    const startedIds = log.firings.filter((firing) => firing.outcome === 'started').map((firing) => firing.id);
    expect(startedIds).toEqual([outcomes[2]?.id, outcomes[1]?.id, outcomes[0]?.id]);
    await gate.requested(3); // a run is logged as started before its node reaches the gate
    expect(gate.requests).toBe(3);
  });
});

describe('activation', () => {
  it('refuses a workflow with nothing to listen for, and one with problems, listing them', async () => {
    const harness = await open();
    const manualOnly = {
      ...gatedWorkflow('manual', gate.url),
      nodes: gatedWorkflow('manual', gate.url).nodes.map((node) =>
        node.id === 'hook' ? { ...node, type: 'core.manual-trigger', config: {} } : node,
      ),
    };
    await harness.store.write(manualOnly);
    await expect(harness.call('triggers.setActive', { workflowId: 'manual', active: true })).rejects.toMatchObject({
      code: 'OPR-231',
      problems: [expect.objectContaining({ message: expect.stringContaining('has no trigger to listen for') as unknown })],
    });
    const broken = gatedWorkflow('broken', gate.url);
    await harness.store.write({
      ...broken,
      edges: [...broken.edges, { id: 'x', source: 'result', sourcePort: 'out', target: 'nowhere', targetPort: 'in' }],
    });
    await expect(harness.call('triggers.setActive', { workflowId: 'broken', active: true })).rejects.toMatchObject({
      code: 'OPR-231',
      problems: [expect.objectContaining({ code: expect.stringMatching(/^OPR-/) as unknown })],
    });
    expect(harness.events('triggers.changed')).toEqual([]);
  });

  it('an inactive workflow takes no firing; activation is kept across a restart and deleting the workflow forgets it', async () => {
    const harness = await open();
    await harness.store.write(gatedWorkflow('hooked', gate.url));
    expect((await fireHook(harness, 'hooked')).firing).toMatchObject({ outcome: 'refused', code: 'OPR-237' });
    await harness.call('triggers.setActive', { workflowId: 'hooked', active: true, by: 'ana' });
    expect(harness.events('triggers.changed')).toEqual([
      { workspace: 'default', activation: expect.objectContaining({ workflowId: 'hooked', active: true, changedBy: 'ana' }) as unknown },
    ]);
    await harness.close();
    const again = await open();
    const list = (await again.call('triggers.list', {})) as { workflows: unknown[] };
    expect(list.workflows).toEqual([
      expect.objectContaining({ workflowId: 'hooked', active: true, triggers: [{ nodeId: 'hook', kind: 'webhook', label: 'Webhook' }] }),
    ]);
    await again.call('workflows.delete', { id: 'hooked' });
    expect((await again.call('triggers.list', {})) as { workflows: unknown[] }).toEqual({ workflows: [] });
  });

  it('a deactivated workflow keeps its queued firings and starts them once it is active again', async () => {
    const harness = await serviceWith({ overlap: 'queue' });
    const first = await fireHook(harness, 'hooked', { n: 1 });
    const second = await fireHook(harness, 'hooked', { n: 2 });
    expect(second.firing.outcome).toBe('queued');
    await harness.call('triggers.setActive', { workflowId: 'hooked', active: false });
    gate.open();
    await (
      await first.run
    )?.result;
    await harness.service.dispatcher.drain('default', 'hooked'); // after the drain the run's end asked for
    expect(gate.requests).toBe(1);
    const waiting = (await harness.call('triggers.list', {})) as { workflows: unknown[] };
    expect(waiting.workflows).toEqual([expect.objectContaining({ active: false, queued: 1, running: 0 })]);
    await harness.call('triggers.setActive', { workflowId: 'hooked', active: true });
    expect(await (await second.run)?.result).toMatchObject({ status: 'succeeded' });
    expect(gate.requests).toBe(2);
  });

  it('a change to the activation file from another process (operon activate) reaches the running service', async () => {
    const harness = await open();
    await harness.store.write(gatedWorkflow('hooked', gate.url));
    await harness.call('triggers.setActive', { workflowId: 'hooked', active: false, by: 'test' });
    const other = createActivationStore(path.join(dataDir, 'workspaces', 'default', 'service'));
    await other.set('hooked', { active: true, changedAt: Date.now(), changedBy: 'cli' });
    await waitUntil(
      () => harness.events('triggers.changed').some((change) => change.activation.active && change.activation.changedBy === 'cli'),
      'the service saw the activation',
    );
    gate.open();
    const fired = await fireHook(harness, 'hooked');
    expect(fired.firing.outcome).toBe('started');
  });

  it('a saved change to the workflow applies to the next firing', async () => {
    const harness = await serviceWith({ overlap: 'parallel' });
    const first = await fireHook(harness, 'hooked');
    expect(first.firing.outcome).toBe('started');
    await harness.call('workflows.save', { workflow: gatedWorkflow('hooked', gate.url, { overlap: 'skip' }) });
    expect((await fireHook(harness, 'hooked')).firing.outcome).toBe('skipped');
    gate.open();
    await (
      await first.run
    )?.result;
  });
});
