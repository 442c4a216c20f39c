import type { RunScope } from '../run-scope.ts';
import { secretLeak } from '../secret-guard.ts';

/** Streamed text is sent on at most this often: a token is not an event. */
export const PARTIAL_FLUSH_MS = 50;

/** The streamed text of one model call, on its way to watchers as `node.partial` events. */
export interface PartialStream {
  /**
   * Takes the next piece of text. Throws OPR-190 when what has arrived holds a secret the run knows (one it resolved,
   * or the provider's key): the transport gives that error back to the call, which ends, and none of it is sent.
   */
  push(text: string): void;
  /** Sends on everything held, at the end of a call whose whole answer was looked at. */
  flush(): void;
  /** Drops what is held; watchers are told (a `null` chunk) to drop what this port streamed so far. */
  discard(): void;
}

/**
 * Coalesces streamed text into partial events at most every PARTIAL_FLUSH_MS. Before anything goes out, the text that
 * arrived (with the end of what went out before it) is looked at for every form of a secret the run knows
 * (`SecretGuard.find`), so a partial never carries one: the node fails with OPR-190 instead, naming the secret and the
 * port. A piece of a secret is not a secret to `find`, so the last `longestForm() - 1` characters are held back until
 * more text or the end of the answer arrives: no partial ever carries the start of a secret whose end is still to
 * come.
 */
export function createPartialStream(scope: RunScope, nodeId: string, port: string): PartialStream {
  const guard = scope.secretGuard;
  /** Received and looked at, not yet sent. */
  let pending = '';
  /** The end of what was sent, as long as the longest form less one: a secret that began there ends in `pending`. */
  let sentTail = '';
  let streamed = false;
  let cancel: (() => void) | undefined;

  const stopTimer = (): void => {
    cancel?.();
    cancel = undefined;
  };
  const send = (hold: number): void => {
    stopTimer();
    const cut = pending.length - hold;
    if (cut <= 0) return;
    const text = pending.slice(0, cut);
    pending = pending.slice(cut);
    scope.emit({ type: 'node.partial', nodeId, port, chunk: text });
    streamed = true;
    const keep = Math.max(0, guard.longestForm() - 1);
    sentTail = keep === 0 ? '' : (sentTail + text).slice(-keep);
  };
  const flushHeld = (): void => send(Math.max(0, guard.longestForm() - 1));

  return {
    push: (text) => {
      pending += text;
      const name = guard.find(sentTail + pending);
      if (name !== undefined) {
        stopTimer();
        pending = '';
        throw secretLeak(nodeId, name, `its streamed output "${port}"`);
      }
      cancel ??= scope.services.clock.setTimer(PARTIAL_FLUSH_MS, flushHeld);
    },
    flush: () => send(0),
    discard: () => {
      stopTimer();
      pending = '';
      sentTail = '';
      if (streamed) scope.emit({ type: 'node.partial', nodeId, port, chunk: null });
      streamed = false;
    },
  };
}
