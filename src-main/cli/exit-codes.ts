import type { FinalRunStatus } from '../../src-shared/engine/api.ts';

/** `operon` exit codes: scripts and CI branch on these. */
export const EXIT = {
  succeeded: 0,
  /** The run failed or was cancelled. */
  failed: 1,
  /** The workflow file, its inputs or the command line were invalid: nothing ran. */
  invalid: 2,
  /** The run waits for a person's decision: `operon approve` or `operon reject` continues it. */
  waiting: 3,
} as const;

export function exitCodeFor(status: FinalRunStatus): number {
  if (status === 'succeeded') return EXIT.succeeded;
  if (status === 'waiting') return EXIT.waiting;
  return EXIT.failed;
}
