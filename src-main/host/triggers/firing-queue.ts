import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { OperonError } from '../../../src-shared/errors/operon-error.ts';
import { writeFileAtomic } from '../../services/atomic-write.ts';
import { readCheckedJson } from '../../services/checked-json-file.ts';

/** A firing waiting for a free place, as `<workspace>/service/queue.json` keeps it. */
export const QueuedFiringSchema = z.object({
  id: z.string(),
  at: z.number(),
  workflowId: z.string(),
  nodeId: z.string(),
  kind: z.string(),
  payload: z.record(z.string(), z.unknown()),
  /** How many workflow-finished firings led here (the chain's loop guard). */
  depth: z.number().optional(),
});
export type QueuedFiring = z.infer<typeof QueuedFiringSchema>;

const QueueFileSchema = z.object({ version: z.literal(1), firings: z.array(QueuedFiringSchema) });

/**
 * A workspace's waiting firings, oldest first, kept in `<workspace>/service/queue.json` (rewritten atomically and
 * synced to disk on every change, before the dispatcher answers `queued`), so they survive a restart.
 */
export interface FiringQueue {
  file: string;
  /** Reads the file (once): OPR-233 naming it when it is damaged. */
  load(): Promise<void>;
  waiting(workflowId: string): QueuedFiring[];
  count(workflowId: string): number;
  push(firing: QueuedFiring): Promise<void>;
  /** Takes the oldest waiting firing of the workflow off the queue (and the file). */
  shift(workflowId: string): Promise<QueuedFiring | undefined>;
}

export function createFiringQueue(serviceDir: string): FiringQueue {
  const file = path.join(serviceDir, 'queue.json');
  let firings: QueuedFiring[] = [];
  let loaded: Promise<void> | undefined;
  let writing: Promise<unknown> = Promise.resolve();
  const save = (): Promise<void> => {
    const text = `${JSON.stringify({ version: 1, firings })}\n`;
    const next = writing.then(async () => {
      await mkdir(serviceDir, { recursive: true, mode: 0o700 });
      await writeFileAtomic(file, text, { fsync: true, mode: 0o600 });
    });
    writing = next.catch(() => undefined);
    return next;
  };
  const load = async (): Promise<void> => {
    const stored = await readCheckedJson(file, QueueFileSchema, {
      missing: () => ({ version: 1 as const, firings }),
      damaged: (reason) => damaged(file, reason),
      unreadableIsDamaged: true,
    });
    firings = stored.firings;
  };
  return {
    file,
    load: () => (loaded ??= load()),
    waiting: (workflowId) => firings.filter((firing) => firing.workflowId === workflowId),
    count: (workflowId) => firings.reduce((n, firing) => n + (firing.workflowId === workflowId ? 1 : 0), 0),
    async push(firing) {
      firings = [...firings, firing];
      await save();
    },
    async shift(workflowId) {
      const index = firings.findIndex((firing) => firing.workflowId === workflowId);
      if (index < 0) return undefined;
      const taken = firings[index];
      firings = firings.filter((_, i) => i !== index);
      await save();
      return taken;
    },
  };
}

function damaged(file: string, problem: string): OperonError {
  return new OperonError(
    'OPR-233',
    `the trigger queue ${file} is damaged: ${problem}. Operon leaves it as it is and starts none of its firings: repair it or remove it`,
    { details: { file } },
  );
}
