import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { OperonError } from '../../../src-shared/errors/operon-error.ts';
import { writeFileAtomic } from '../../services/atomic-write.ts';
import { readCheckedJson } from '../../services/checked-json-file.ts';

/** One workflow's activation as `<workspace>/service/activation.json` keeps it. */
export const ActivationRecordSchema = z.object({
  active: z.boolean(),
  changedAt: z.number(),
  changedBy: z.string(),
});
export type ActivationRecord = z.infer<typeof ActivationRecordSchema>;

const ActivationFileSchema = z.object({
  version: z.literal(1),
  workflows: z.record(z.string(), ActivationRecordSchema),
});

/** Which workflows of a workspace are active: `<workspace>/service/activation.json`. */
export interface ActivationStore {
  file: string;
  /** Every workflow that was ever activated, by id. OPR-232 naming the file when it is damaged. */
  read(): Promise<Record<string, ActivationRecord>>;
  /** Records a workflow's activation (written atomically; a damaged file is refused, never overwritten). */
  set(workflowId: string, record: ActivationRecord): Promise<void>;
  /** Forgets a workflow (it was deleted). */
  remove(workflowId: string): Promise<void>;
}

export function createActivationStore(serviceDir: string): ActivationStore {
  const file = path.join(serviceDir, 'activation.json');
  let writing: Promise<unknown> = Promise.resolve();
  const read = async (): Promise<Record<string, ActivationRecord>> =>
    (
      await readCheckedJson(file, ActivationFileSchema, {
        missing: () => ({ version: 1 as const, workflows: {} }),
        damaged: (reason) => damaged(file, reason),
        unreadableIsDamaged: true,
      })
    ).workflows;
  /** Changes run one after another, each reading the file afresh: two at once never lose one. */
  const change = (apply: (workflows: Record<string, ActivationRecord>) => void): Promise<void> => {
    const next = writing.then(async () => {
      const workflows = await read();
      apply(workflows);
      await mkdir(serviceDir, { recursive: true, mode: 0o700 });
      await writeFileAtomic(file, `${JSON.stringify({ version: 1, workflows }, null, 2)}\n`, { fsync: true });
    });
    writing = next.catch(() => undefined);
    return next;
  };
  return {
    file,
    read,
    set: (workflowId, record) =>
      change((workflows) => {
        workflows[workflowId] = record;
      }),
    remove: (workflowId) =>
      change((workflows) => {
        delete workflows[workflowId];
      }),
  };
}

function damaged(file: string, problem: string): OperonError {
  return new OperonError(
    'OPR-232',
    `the activation file ${file} is damaged: ${problem}. Operon leaves it as it is: repair it or remove it (every workflow is then inactive)`,
    { details: { file } },
  );
}
