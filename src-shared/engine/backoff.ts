/** The most a retry ever waits, whatever the attempt. */
export const MAX_RETRY_DELAY_MS = 5 * 60_000;

/**
 * Exponential backoff with equal jitter: attempt n waits between half and all of `base × 2^(n-1)`,
 * never past MAX_RETRY_DELAY_MS. With `random` fixed the delays are exact, which the tests rely on.
 */
export function retryDelay(attempt: number, baseMs: number, random: () => number): number {
  const ceiling = Math.min(MAX_RETRY_DELAY_MS, baseMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
