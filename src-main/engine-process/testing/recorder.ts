import type { ApiClient } from '../../../src-shared/api/client.ts';
import type { EventPayload } from '../../../src-shared/api/contract.ts';

/** Every event an API client received, and a way to wait for one (no clock: the test's own timeout bounds it). */
export interface EventRecorder {
  runEvents: EventPayload<'run.event'>[];
  watchEnds: EventPayload<'run.watchEnded'>[];
  changes: EventPayload<'runs.changed'>[];
  /** Resolves once `predicate` holds, checked now and after every event. */
  until(predicate: () => boolean): Promise<void>;
}

/** Records the pushed events of `client`. */
export function recordEvents(client: ApiClient): EventRecorder {
  const checks = new Set<() => void>();
  const recorder: EventRecorder = {
    runEvents: [],
    watchEnds: [],
    changes: [],
    until: (predicate) =>
      new Promise((resolve) => {
        const check = (): void => {
          if (!predicate()) return;
          checks.delete(check);
          resolve();
        };
        checks.add(check);
        check();
      }),
  };
  const into =
    <T>(list: T[]) =>
    (payload: T): void => {
      list.push(payload);
      for (const check of [...checks]) check();
    };
  client.on('run.event', into(recorder.runEvents));
  client.on('run.watchEnded', into(recorder.watchEnds));
  client.on('runs.changed', into(recorder.changes));
  return recorder;
}
