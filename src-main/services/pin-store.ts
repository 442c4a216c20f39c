import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { PinSchema, type Pin } from '../../src-shared/api/debug-schemas.ts';
import { API_ERROR_CODES, ApiError } from '../../src-shared/api/errors.ts';
import { OperonError } from '../../src-shared/errors/operon-error.ts';
import { IdSchema } from '../../src-shared/workflow/schema.ts';
import { writeFileAtomic } from './atomic-write.ts';

const PinsFileSchema = z.object({ formatVersion: z.literal(1), workflowId: z.string(), pins: z.record(z.string(), PinSchema) });

/**
 * A workspace's pinned node outputs: `<folder>/<workflowId>.json`, one file per workflow, beside the workflow files
 * rather than in them (an export never carries pins). Written atomically; changes to one workflow's pins are applied
 * one at a time, so two pins set at once both stay.
 */
export interface PinStore {
  /** The workflow's pins by node id (none when it has no pins file). */
  list(workflowId: string): Promise<Record<string, Pin>>;
  set(workflowId: string, nodeId: string, pin: Pin): Promise<Pin>;
  /** Whether there was a pin to remove. */
  remove(workflowId: string, nodeId: string): Promise<boolean>;
  /** Deletes every pin of a workflow (it was deleted: a later workflow with its id must not inherit them). */
  removeAll(workflowId: string): Promise<void>;
}

export function createPinStore(folder: string): PinStore {
  const root = path.resolve(folder);
  const queues = new Map<string, Promise<unknown>>();

  const file = (workflowId: string): string => {
    const resolved = path.resolve(root, `${workflowId}.json`);
    if (!IdSchema.safeParse(workflowId).success || path.dirname(resolved) !== root)
      throw new ApiError(API_ERROR_CODES.badRequest, `invalid workflow id ${JSON.stringify(workflowId)}`);
    return resolved;
  };

  const read = async (workflowId: string): Promise<Record<string, Pin>> => {
    const target = file(workflowId);
    let text: string;
    try {
      text = await readFile(target, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw new OperonError('OPR-110', `could not read the pins of workflow "${workflowId}": ${(error as Error).message}`);
    }
    let parsed: z.ZodSafeParseResult<z.infer<typeof PinsFileSchema>>;
    try {
      parsed = PinsFileSchema.safeParse(JSON.parse(text));
    } catch (error) {
      throw new OperonError('OPR-110', `${target} is not valid JSON (${(error as Error).message})`);
    }
    if (!parsed.success) throw new OperonError('OPR-110', `${target} is not a pins file: ${parsed.error.issues[0]?.message ?? ''}`);
    return parsed.data.pins;
  };

  /** Runs `work` after any change to the workflow's pins still being written. */
  const queued = <T>(workflowId: string, work: () => Promise<T>): Promise<T> => {
    const next = (queues.get(workflowId) ?? Promise.resolve()).catch(() => undefined).then(work);
    queues.set(workflowId, next);
    const forget = (): void => {
      if (queues.get(workflowId) === next) queues.delete(workflowId);
    };
    void next.then(forget, forget);
    return next;
  };

  /** Runs `change` on the workflow's pins (queued) and writes the result. */
  const update = <T>(workflowId: string, change: (pins: Map<string, Pin>) => T): Promise<T> =>
    queued(workflowId, async () => {
      const pins = new Map(Object.entries(await read(workflowId)));
      const result = change(pins);
      const document = { formatVersion: 1, workflowId, pins: Object.fromEntries(pins) };
      await writeFileAtomic(file(workflowId), `${JSON.stringify(document, null, 2)}\n`);
      return result;
    });

  return {
    list: read,
    set: (workflowId, nodeId, pin) =>
      update(workflowId, (pins) => {
        pins.set(nodeId, pin);
        return pin;
      }),
    remove: (workflowId, nodeId) => update(workflowId, (pins) => pins.delete(nodeId)),
    removeAll: (workflowId) => queued(workflowId, () => rm(file(workflowId), { force: true })),
  };
}
