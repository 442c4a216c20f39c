import type { EngineEvent } from '../../../src-shared/engine/events.ts';
import type { PushOutlet } from './push-outlet.ts';
import { createWatchQueue } from './watch-queue.ts';

/** What one watch of a run needs. */
export interface RunWatchOptions {
  workspace: string;
  runId: string;
  fromSeq: number;
  outlet: PushOutlet;
  maxQueuedEvents: number;
  /** Starts passing the run's live events (as recorded: redacted once) to `listener`; returns the function that stops it. */
  listen(listener: (event: EngineEvent) => void): () => void;
  /** Whether the run has ended (asked after a replay that held no `run.finished`: `fromSeq` was past it). Never rejects. */
  hasEnded(): Promise<boolean>;
  /** Called once when the watch ends, whatever the reason. */
  onEnd(): void;
  /** A replay that failed part way (a damaged log line): the watch ends `fellBehind`, so watching again gets the error. */
  onReplayError(error: unknown): void;
}

/** One run streamed to one connection: its log replayed from a seq, then its live events; each event once, in seq order. */
export interface RunWatch {
  /**
   * Replays the log's pages (the first already read by the caller, so an unknown run fails the call), then goes live.
   * Starts on a later turn of the event loop, so the call's answer is sent before the first event.
   */
  start(first: IteratorResult<EngineEvent[]>, pages: AsyncIterator<EngineEvent[]>): void;
  /** Ends the watch with no message (an unwatch, a new watch of the run, the connection closing). */
  cancel(): void;
}

/**
 * Watches a run, listening to its live events at once (they are held until the replay is done, so nothing that happens
 * while the log is read is missed; the caller syncs the log to disk after this). Events are pushed while the
 * transport has room; otherwise live events queue, and a queue past its bounds ends the watch with `run.watchEnded`
 * `fellBehind` and the seq to watch again from. The replay never queues: it waits for room. After `run.finished`
 * the watch ends with `run.watchEnded` `finished`.
 */
export function createRunWatch(options: RunWatchOptions): RunWatch {
  const { workspace, runId, outlet } = options;
  const queue = createWatchQueue(options.maxQueuedEvents, outlet);
  let phase: 'replaying' | 'live' | 'ended' = 'replaying';
  let lastSent = options.fromSeq - 1;
  let cancelWait: (() => void) | undefined;
  let wakeReplay: (() => void) | undefined;
  /** A function, not `phase === 'ended'` inline: the phase changes across awaits and inside `send`. */
  const ended = (): boolean => phase === 'ended';

  const end = (reason?: 'finished' | 'fellBehind'): void => {
    if (phase === 'ended') return;
    phase = 'ended';
    stopListening();
    queue.clear();
    cancelWait?.();
    wakeReplay?.();
    options.onEnd();
    if (reason !== undefined) outlet.push({ event: 'run.watchEnded', payload: { workspace, runId, reason, nextSeq: lastSent + 1 } });
  };
  const send = (event: EngineEvent): void => {
    lastSent = event.seq;
    outlet.push({ event: 'run.event', payload: { workspace, runId, event } });
    if (event.type === 'run.finished') end('finished');
  };
  /** Pushes queued events while there is room; otherwise comes back when there is. */
  const pump = (): void => {
    cancelWait = undefined;
    while (phase === 'live' && queue.length > 0) {
      if (!outlet.hasRoom()) {
        cancelWait = outlet.whenRoom(pump);
        return;
      }
      const event = queue.shift();
      if (event !== undefined && event.seq > lastSent) send(event);
    }
  };
  const onLive = (event: EngineEvent): void => {
    if (phase === 'ended' || event.seq <= lastSent) return;
    if (phase === 'live' && queue.length === 0 && outlet.hasRoom()) return send(event);
    if (!queue.add(event)) return end('fellBehind');
    if (phase === 'live' && cancelWait === undefined) pump();
  };
  const stopListening = options.listen(onLive);

  const room = (): Promise<void> =>
    new Promise((resolve) => {
      wakeReplay = resolve;
      cancelWait = outlet.whenRoom(resolve);
    });
  const replay = async (first: IteratorResult<EngineEvent[]>, pages: AsyncIterator<EngineEvent[]>): Promise<void> => {
    try {
      for (let page = first; !page.done && !ended(); page = await pages.next()) {
        for (const event of page.value) {
          if (event.seq <= lastSent) continue;
          const live = queue.peek();
          if (live !== undefined && event.seq >= live.seq) return; // the live events held have it, and all after it
          if (!outlet.hasRoom()) await room();
          if (ended()) return;
          send(event);
          if (ended()) return;
        }
      }
    } finally {
      await pages.return?.();
    }
  };
  const goLive = async (): Promise<void> => {
    if (phase !== 'replaying') return;
    phase = 'live';
    pump();
    if (phase !== 'live' || queue.length > 0) return;
    if ((await options.hasEnded()) && queue.length === 0) end('finished');
  };

  return {
    start(first, pages) {
      if (phase === 'ended') {
        pages.return?.().catch(() => undefined); // closes the log file; nothing to report to anyone
        return;
      }
      setImmediate(() => {
        replay(first, pages)
          .then(goLive)
          .catch((error: unknown) => {
            if (phase === 'ended') return;
            options.onReplayError(error);
            end('fellBehind');
          });
      });
    },
    cancel: () => end(),
  };
}
