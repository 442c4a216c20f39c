import { setTimeout as delay } from 'node:timers/promises';

/**
 * How the tests wait: for an event (a line printed, a file written, a port open, a request received), never for a
 * fixed time, and with deadlines sized for a machine twice as slow as a loaded one. A deadline only ends a test that
 * hangs; it never decides whether the code under test was quick enough. Used by vitest.config.ts, the CLI and server
 * tests' helpers and the Playwright fixtures (no vitest import here, so e2e/ can use it).
 */

/**
 * Every vitest test's (and hook's) and Playwright test's timeout. Measured on the shared two-core machine with two busy
 * loops beside the tests (load average 15): one `operon` process took 5-40 s, the first memory command on a fresh data
 * folder about a minute, and cli-e2e-memory's longest test (nine processes) 200 s. Twice that, and some.
 */
export const TEST_TIMEOUT_MS = 600_000;

/**
 * How long a helper waits for one event (a line on stderr, a file, a process's exit, a run's status) before it fails
 * naming what it waited for and what it saw: twice the slowest single process measured above, with room. Below
 * {@link TEST_TIMEOUT_MS}, so that message is the one a person reads.
 */
export const EVENT_WAIT_MS = 240_000;

/**
 * A delay no test outlasts (a reply or node that only ends when cancelled or timed out). A test that proves something
 * stopped early waits for it to stop and checks it stopped before this: never that it stopped within N ms.
 */
export const NEVER_MS = 3_600_000;

/**
 * Polls `check` until it holds (every 20 ms), failing after `timeoutMs` with `what` (a function: read when it fails,
 * so it can say what was seen by then). For events with no callback to hook into (a file another process writes);
 * prefer a listener where there is one.
 */
export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  what: string | (() => string),
  timeoutMs = EVENT_WAIT_MS,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${typeof what === 'string' ? what : what()}`);
    await delay(20);
  }
}
