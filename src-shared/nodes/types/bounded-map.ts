/** One item's outcome in a bounded map. */
export type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

/** The outcomes by item index (empty slots for items never started), and the item that failed first in time. */
export interface BoundedMapResult<R> {
  results: Settled<R>[];
  firstFailure: number | undefined;
}

/**
 * Runs `work` over `items` with at most `limit` in flight, keeping item order in the results.
 * No new item starts once `signal` aborts or, with `stopOnError`, once an item failed; items never
 * started are left out (their slots are empty). `work` gets a signal that aborts on either.
 */
export async function boundedMap<T, R>(
  items: readonly T[],
  limit: number,
  signal: AbortSignal,
  stopOnError: boolean,
  work: (item: T, index: number, signal: AbortSignal) => Promise<R>,
): Promise<BoundedMapResult<R>> {
  const stop = new AbortController();
  const itemSignal = AbortSignal.any([signal, stop.signal]);
  const results: Settled<R>[] = new Array<Settled<R>>(items.length);
  let next = 0;
  let firstFailure: number | undefined;
  const worker = async (): Promise<void> => {
    while (next < items.length && !itemSignal.aborted) {
      const index = next++;
      try {
        results[index] = { ok: true, value: await work(items[index] as T, index, itemSignal) };
      } catch (error) {
        results[index] = { ok: false, error };
        firstFailure ??= index;
        if (stopOnError) stop.abort(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return { results, firstFailure };
}
