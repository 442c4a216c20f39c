import type { EngineEvent } from '../../../src-shared/engine/events.ts';

/** The byte budget a connection's watch queues share (see push-outlet.ts). */
export interface QueueBudget {
  reserve(bytes: number): boolean;
  release(bytes: number): void;
}

/** A watch's events waiting to be pushed, in seq order, within its bounds. */
export interface WatchQueue {
  /** Adds an event at the end; false, and nothing added, when that would pass the event bound or the byte budget. */
  add(event: EngineEvent): boolean;
  peek(): EngineEvent | undefined;
  shift(): EngineEvent | undefined;
  readonly length: number;
  /** Drops every event, giving their bytes back. */
  clear(): void;
}

/**
 * A FIFO of at most `maxEvents` events whose sizes (the length of their JSON) are taken from `budget` while they wait.
 * Only events that cannot be pushed at once are measured, so a reader that keeps up costs no serialising here.
 */
export function createWatchQueue(maxEvents: number, budget: QueueBudget): WatchQueue {
  let events: EngineEvent[] = [];
  let sizes: number[] = [];
  let head = 0;
  const compact = (): void => {
    if (head < 1024 || head * 2 < events.length) return;
    events = events.slice(head);
    sizes = sizes.slice(head);
    head = 0;
  };
  return {
    add(event) {
      if (events.length - head >= maxEvents) return false;
      const size = JSON.stringify(event).length;
      if (!budget.reserve(size)) return false;
      events.push(event);
      sizes.push(size);
      return true;
    },
    peek: () => events[head],
    shift() {
      const event = events[head];
      if (event === undefined) return undefined;
      budget.release(sizes[head] ?? 0);
      head++;
      if (head === events.length) {
        events = [];
        sizes = [];
        head = 0;
      } else compact();
      return event;
    },
    get length() {
      return events.length - head;
    },
    clear() {
      let bytes = 0;
      for (let i = head; i < sizes.length; i++) bytes += sizes[i] ?? 0;
      budget.release(bytes);
      events = [];
      sizes = [];
      head = 0;
    },
  };
}
