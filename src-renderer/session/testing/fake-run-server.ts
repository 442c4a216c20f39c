// A fake server that keeps the API contract's promises about runs (answers by call name; each run's events logged, and
// streamed to a window only once it watches the run: replayed from `fromSeq`, then live, then `run.watchEnded`), for
// the session's unit tests. The real server's streams are tested over a real WebSocket in src-main/serve/.
import type { ApiClient } from '../../../src-shared/api/client.ts';
import type { EngineEvent } from '../../../src-shared/engine/events.ts';

export type Answer = (input: Record<string, unknown>) => unknown;

/** The server side of the fake: run logs, and which runs this window watches. */
export function createFakeRunServer() {
  const handlers = new Map<string, Set<(payload: unknown) => void>>();
  const logs = new Map<string, EngineEvent[]>();
  const watched = new Set<string>();
  /** Runs whose process went away: status running in their run.json, nobody carrying them out. */
  const interrupted = new Set<string>();
  const emit = (name: string, payload: Record<string, unknown>) => {
    for (const handler of handlers.get(name) ?? []) handler({ workspace: 'default', ...payload });
  };
  const deliver = (runId: string, event: EngineEvent) => {
    emit('run.event', { runId, event });
    if (event.type === 'run.finished') {
      watched.delete(runId);
      emit('run.watchEnded', { runId, reason: 'finished', nextSeq: event.seq + 1 });
    }
  };
  /** Logs an event of a run; a watched run's event is streamed at once. */
  const push = (runId: string, event: EngineEvent) => {
    interrupted.delete(runId);
    const log = logs.get(runId) ?? [];
    logs.set(runId, [...log, event]);
    if (watched.has(runId)) deliver(runId, event);
  };
  return {
    push,
    watch(runId: string, fromSeq: number) {
      watched.add(runId);
      for (const event of logs.get(runId) ?? []) if (event.seq >= fromSeq) deliver(runId, event);
    },
    unwatch: (runId: string) => watched.delete(runId),
    /** The process running the run went away (an engine restart): it stays watched, and no more events come. */
    interrupt: (runId: string) => interrupted.add(runId),
    /** The run as `runs.get` tells it: running until its run.finished, interrupted once its process went away. */
    info(runId: string) {
      const last = logs.get(runId)?.at(-1);
      const status = last?.type === 'run.finished' ? last.status : 'running';
      return { runId, status, interrupted: interrupted.has(runId) };
    },
    /** `runs.continueInterrupted`: the run goes on from its log in this server (its first new event, run.resumed). */
    continueInterrupted(runId: string) {
      if (!interrupted.has(runId)) throw new Error(`run ${runId} is not interrupted`);
      const seq = (logs.get(runId)?.at(-1)?.seq ?? -1) + 1;
      push(runId, { type: 'run.resumed', seq, ts: 0, runId });
    },
    watching: (runId: string) => watched.has(runId),
    /** The desktop app's engine host restarted: every watch ended with the old one, and the window hears host.restarted. */
    restartHost(reason: string) {
      watched.clear();
      emit('host.restarted', { reason });
    },
    /** Ends a watch the way a slow connection's ends: the server stops streaming and says where to go on from. */
    fallBehind(runId: string, nextSeq: number) {
      watched.delete(runId);
      emit('run.watchEnded', { runId, reason: 'fellBehind', nextSeq });
    },
    on(name: string, handler: (payload: unknown) => void) {
      let set = handlers.get(name);
      if (set === undefined) handlers.set(name, (set = new Set()));
      set.add(handler);
      return () => set.delete(handler);
    },
  };
}

/** A fake API client over a fake server: records calls (with their workspace), answers by name or as the server would. */
export function createFakeClient(server: ReturnType<typeof createFakeRunServer>, answers: Record<string, Answer>, onStart: () => void) {
  const calls: { name: string; input: unknown }[] = [];
  const client = {
    // Async, so an answer that throws is a rejected call.
    call: async (name: string, input: Record<string, unknown>) => {
      calls.push({ name, input });
      await Promise.resolve();
      const answer = answers[name];
      if (answer !== undefined) return answer(input);
      switch (name) {
        case 'runs.start':
          onStart();
          return { runId: 'r1' };
        case 'runs.watch':
          server.watch(input.runId as string, (input.fromSeq as number | undefined) ?? 0);
          return { runId: input.runId };
        case 'runs.unwatch':
          return { watching: server.unwatch(input.runId as string) };
        case 'runs.get':
          return { run: server.info(input.runId as string) };
        case 'runs.continueInterrupted':
          server.continueInterrupted(input.runId as string);
          return { runId: input.runId };
        case 'pins.list':
          return { pins: {} };
        default:
          return { runId: 'r1' };
      }
    },
    on: (name: string, handler: (payload: unknown) => void) => server.on(name, handler),
  } as unknown as ApiClient;
  return { client, calls };
}
