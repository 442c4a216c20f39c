import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildWorkflow } from '../../../src-shared/engine/testing/build-workflow.ts';
import type { Firing } from '../../../src-shared/triggers/service-schemas.ts';
import type { Workflow } from '../../../src-shared/workflow/schema.ts';
import { waitUntil } from '../../services/testing/waiting.ts';
import { fireHook, registry, startService, type ServiceHarness } from './testing/service-harness.ts';

let dataDir: string;
let harness: ServiceHarness;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'operon-chaining-'));
  harness = await startService(dataDir);
});
afterEach(async () => {
  await harness.close();
  await rm(dataDir, { recursive: true, force: true });
});

const named = (id: string, workflow: Workflow): Workflow => ({ ...workflow, id, name: id });

/** Webhook `hook` -> Transform `expression` -> Output `result`. */
const hooked = (id: string, expression: string, settings: Record<string, unknown> = {}) =>
  named(
    id,
    buildWorkflow(
      registry,
      [
        { id: 'hook', type: 'core.webhook-trigger', config: { path: 'in' } },
        { id: 'work', type: 'core.transform', config: { expression } },
        { id: 'out', type: 'core.output', config: { name: 'result' } },
      ],
      ['hook.out -> work.in', 'work.out -> out.in'],
      settings,
    ),
  );

/** A trigger of type `type` (config `config`) -> Transform `expression` -> Output `seen`. */
const following = (id: string, type: string, config: Record<string, unknown>, expression: string) =>
  named(
    id,
    buildWorkflow(
      registry,
      [
        { id: 'start', type, config },
        { id: 'pick', type: 'core.transform', config: { expression } },
        { id: 'out', type: 'core.output', config: { name: 'seen' } },
      ],
      ['start.out -> pick.in', 'pick.out -> out.in'],
    ),
  );

/** The first firing of `workflowId` that started a run, once one did, and that run's outputs once it ended. */
async function startedRun(workflowId: string): Promise<{ firing: Firing; run: { status: string; outputs?: Record<string, unknown> } }> {
  let firing: Firing | undefined;
  await waitUntil(
    () =>
      (firing = harness
        .events('triggers.fired')
        .find((fired) => fired.firing.workflowId === workflowId && fired.firing.outcome === 'started')?.firing) !== undefined,
    () => `a run of ${workflowId} started (firings: ${JSON.stringify(harness.events('triggers.fired'))})`,
  );
  const runId = firing?.runId ?? '';
  await waitUntil(
    () => harness.events('runs.changed').some((change) => change.runId === runId && change.status !== 'running'),
    `run ${runId} of ${workflowId} ended`,
  );
  const { run } = (await harness.call('runs.get', { runId })) as { run: { status: string; outputs?: Record<string, unknown> } };
  return { firing: firing!, run };
}

describe('Workflow finished triggers', () => {
  it('start the workflows following one on success with its outputs, and those following it on failure with its error', async () => {
    await harness.store.write(hooked('doubler', 'n * 2'));
    await harness.store.write(
      following('onSuccess', 'core.workflow-finished-trigger', { workflowId: 'doubler', on: 'success' }, 'outputs.result'),
    );
    await harness.store.write(
      following('onFailure', 'core.workflow-finished-trigger', { workflowId: 'doubler', on: 'failure' }, 'error.message'),
    );
    await harness.store.write(following('onBoth', 'core.workflow-finished-trigger', { workflowId: 'doubler', on: 'both' }, 'status'));
    for (const id of ['doubler', 'onSuccess', 'onFailure', 'onBoth'])
      await harness.call('triggers.setActive', { workflowId: id, active: true });

    const fired = await fireHook(harness, 'doubler', { n: 21 });
    const doubled = await (await fired.run)?.result;
    expect(doubled).toMatchObject({ status: 'succeeded', outputs: { result: 42 } });
    const success = await startedRun('onSuccess');
    expect(success.firing).toMatchObject({ kind: 'workflow', nodeId: 'start' });
    // Started by the trigger, not a person (run.json's startedBy, and the audit trail's actor).
    expect(success.run).toMatchObject({ status: 'succeeded', outputs: { seen: 42 }, startedBy: 'trigger:workflow' });
    expect((await startedRun('onBoth')).run.outputs).toEqual({ seen: 'succeeded' });

    // A payload the transform cannot double: the run fails, and only the failure's followers start.
    await harness.store.write(hooked('doubler', '$error("no number to double")'));
    const failing = await fireHook(harness, 'doubler', { n: 1 });
    expect(await (await failing.run)?.result).toMatchObject({ status: 'failed' });
    const failure = await startedRun('onFailure');
    expect(failure.run).toMatchObject({
      status: 'succeeded',
      outputs: { seen: expect.stringContaining('no number to double') as unknown },
    });
    await waitUntil(
      () => harness.events('triggers.fired').filter((fired) => fired.firing.workflowId === 'onBoth').length === 2,
      'onBoth fired again on the failure',
    );
    expect(harness.events('triggers.fired').filter((fired) => fired.firing.workflowId === 'onSuccess')).toHaveLength(1);
  });

  it('a workflow following itself is refused at activation', async () => {
    await harness.store.write(following('loop', 'core.workflow-finished-trigger', { workflowId: 'loop', on: 'both' }, 'status'));
    await expect(harness.call('triggers.setActive', { workflowId: 'loop', active: true })).rejects.toMatchObject({
      code: 'OPR-231',
      problems: [expect.objectContaining({ nodeId: 'start', message: expect.stringContaining('follows this workflow itself') as unknown })],
    });
  });
});

describe('the error workflow', () => {
  it('starts from its Error trigger, inactive, with the failure and the run inputs; a missing one is logged as failed', async () => {
    await harness.store.write(hooked('fragile', '$error("the order has no customer")', { errorWorkflow: 'alert' }));
    await harness.store.write(following('alert', 'core.error-trigger', {}, '$'));
    await harness.call('triggers.setActive', { workflowId: 'fragile', active: true });

    const fired = await fireHook(harness, 'fragile', { n: 1 });
    const failed = await (await fired.run)?.result;
    expect(failed?.status).toBe('failed');
    const alert = await startedRun('alert');
    expect(alert.firing).toMatchObject({ kind: 'error', nodeId: 'start' });
    expect(alert.run.status).toBe('succeeded');
    expect(alert.run.outputs?.seen).toMatchObject({
      workflowId: 'fragile',
      workflowName: 'fragile',
      runId: failed?.runId,
      nodeId: 'work',
      message: expect.stringContaining('the order has no customer') as unknown,
      inputs: {},
    });

    // The error workflow is gone: the failure is logged with why.
    await harness.call('workflows.delete', { id: 'alert' });
    const again = await fireHook(harness, 'fragile', { n: 2 });
    await (
      await again.run
    )?.result;
    await waitUntil(
      () => harness.events('triggers.fired').some((fired) => fired.firing.outcome === 'failed'),
      'a failed firing of the error workflow was logged',
    );
    const log = (await harness.call('triggers.log', { workflowId: 'alert' })) as { firings: Firing[] };
    expect(log.firings[0]).toMatchObject({
      outcome: 'failed',
      code: 'OPR-236',
      reason: expect.stringContaining('does not exist') as unknown,
    });
  });

  it("an error workflow's own failure does not start it again", async () => {
    await harness.store.write(hooked('fragile', '$error("first")', { errorWorkflow: 'alert' }));
    const alert = following('alert', 'core.error-trigger', {}, '$error("the alert failed too")');
    await harness.store.write({ ...alert, settings: { ...alert.settings, errorWorkflow: 'alert' } });
    await harness.call('triggers.setActive', { workflowId: 'fragile', active: true });
    await (
      await (
        await fireHook(harness, 'fragile')
      ).run
    )?.result;
    expect((await startedRun('alert')).run.status).toBe('failed');
    // Every failure seen has been dealt with: had the alert's failure started it again, a second firing would be logged.
    await harness.service.settled();
    expect(harness.events('triggers.fired').filter((fired) => fired.firing.workflowId === 'alert')).toHaveLength(1);
  });
});
