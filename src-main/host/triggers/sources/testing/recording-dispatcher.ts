import type { FiringOutcome } from '../../../../../src-shared/triggers/service-schemas.ts';
import { EVENT_WAIT_MS } from '../../../../services/testing/waiting.ts';
import type { FireRequest, FireResult, TriggerDispatcher } from '../../trigger-source.ts';

/**
 * A {@link TriggerDispatcher} for the sources' tests: it records every request and answers a firing with `outcome`
 * (`started`, with no run behind it, unless a test says otherwise). The seam between a source and the service, doubled;
 * the sources under test are real.
 */
export interface RecordingDispatcher extends TriggerDispatcher {
  readonly requests: FireRequest[];
  /** Resolves with the first `count` requests once that many have come (fails after EVENT_WAIT_MS, naming them). */
  fired(count: number): Promise<FireRequest[]>;
  /** What later firings come out as (a queue that is full: `refused`). */
  answer(outcome: FiringOutcome): void;
}

export function createRecordingDispatcher(): RecordingDispatcher {
  const requests: FireRequest[] = [];
  const waiters: { count: number; resolve: (requests: FireRequest[]) => void }[] = [];
  let outcome: FiringOutcome = 'started';
  let nextId = 0;

  const wake = (): void => {
    for (const waiter of [...waiters]) {
      if (requests.length < waiter.count) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(requests.slice(0, waiter.count));
    }
  };

  return {
    requests,
    fire(request) {
      requests.push(request);
      const id = `f${++nextId}`;
      const result: FireResult = {
        firing: {
          id,
          at: Date.now(),
          workflowId: request.workflowId,
          nodeId: request.nodeId,
          kind: request.kind,
          payloadBytes: JSON.stringify(request.payload).length,
          outcome,
          ...(outcome === 'started' ? { runId: `run-${id}` } : { reason: `answered ${outcome} by the test` }),
        },
      };
      wake();
      return Promise.resolve(result);
    },
    fired(count) {
      return new Promise((resolve, reject) => {
        const waiter = { count, resolve };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`waited for ${count} firings, saw ${requests.length}: ${JSON.stringify(requests.map((r) => r.payload))}`));
        }, EVENT_WAIT_MS);
        waiter.resolve = (done) => {
          clearTimeout(timer);
          resolve(done);
        };
        waiters.push(waiter);
        wake();
      });
    },
    answer(next) {
      outcome = next;
    },
  };
}
