import type { Host } from '../../../host/host.ts';
import type { FireRequest, FireResult, TriggerDispatcher } from '../../../host/triggers/trigger-source.ts';
import type { Workflow } from '../../../../src-shared/workflow/schema.ts';

/** A dispatcher for tests and the bench, until the trigger service's: what it was asked, and how it answers. */
export interface TestDispatcher extends TriggerDispatcher {
  readonly fired: FireRequest[];
  /** Resolves once every run started so far has ended (before the host closes). */
  settled(): Promise<void>;
}

/**
 * A real dispatcher without policies: every firing starts a real run of `workflows`'s workflow on `host` at once, named
 * after the trigger node with its payload (outcome `started`). No overlap limits, no queue, no firing log: the
 * trigger service's dispatcher does those.
 */
export function hostDispatcher(host: Host, workflows: ReadonlyMap<string, Workflow>): TestDispatcher {
  const fired: FireRequest[] = [];
  const results: Promise<unknown>[] = [];
  let count = 0;
  return {
    fired,
    settled: async () => {
      await Promise.allSettled(results);
    },
    async fire(request) {
      fired.push(request);
      const workflow = workflows.get(request.workflowId);
      const firing = firingOf(request, ++count);
      if (workflow === undefined) return { firing: { ...firing, outcome: 'refused', reason: `no workflow ${request.workflowId}` } };
      const handle = await host.startRun({
        workflow,
        inputs: {},
        trigger: { type: request.kind, nodeId: request.nodeId, payload: request.payload },
      });
      results.push(handle.result);
      return {
        firing: { ...firing, outcome: 'started', runId: handle.runId },
        run: Promise.resolve({ runId: handle.runId, result: handle.result }),
      };
    },
  };
}

/** A dispatcher whose queue is always full: every firing is refused, and no run starts. */
export function fullQueueDispatcher(): TestDispatcher {
  const fired: FireRequest[] = [];
  return {
    fired,
    settled: () => Promise.resolve(),
    fire(request): Promise<FireResult> {
      fired.push(request);
      const firing = firingOf(request, fired.length);
      return Promise.resolve({
        firing: { ...firing, outcome: 'refused', reason: `the queue of ${request.workflowId} is full (100 firings wait)` },
      });
    },
  };
}

function firingOf(request: FireRequest, count: number): FireResult['firing'] {
  return {
    id: `f${count}`,
    at: Date.now(),
    workflowId: request.workflowId,
    nodeId: request.nodeId,
    kind: request.kind,
    payloadBytes: Buffer.byteLength(JSON.stringify(request.payload)),
    outcome: 'started',
  };
}
