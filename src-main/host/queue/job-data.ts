import { z } from 'zod';
import { DecisionSchema } from '../../../src-shared/nodes/decision.ts';
import { TriggerSchema } from '../../../src-shared/nodes/trigger-record.ts';
import { RoleSchema } from '../../../src-shared/api/permissions.ts';

/** The BullMQ queue every run of queue mode goes through (one queue; workspaces share it, see workspace-slots.ts). */
export const RUN_QUEUE_NAME = 'operon-runs';

/** The Redis pub/sub channel on which the serving host asks the worker running a run to cancel it. */
export const CANCEL_CHANNEL = 'operon:cancel';

/** A decision on a waiting run, as `runs.decide` takes it (the time is stamped by the worker that applies it). */
const JobDecisionSchema = DecisionSchema.omit({ at: true });

/**
 * One job: what a worker runs. `start` runs a new run (its run.json already written, status queued); `decide` applies
 * a decision to a waiting run and continues it; `resume` continues an interrupted run. Workers validate every job they
 * take with this schema (a process boundary).
 */
export const RunJobSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('start'),
    workspace: z.string(),
    workflowId: z.string(),
    runId: z.string(),
    options: z.object({
      /** The validated workflow snapshot to run. */
      workflow: z.unknown(),
      workflowRef: z.string().optional(),
      inputs: z.record(z.string(), z.unknown()),
      trigger: TriggerSchema,
      cache: z.boolean().optional(),
      /** Who started it (a person, or `trigger:<kind>`), for run.json and the audit trail. */
      startedBy: z.string().optional(),
    }),
  }),
  z.object({
    kind: z.literal('decide'),
    workspace: z.string(),
    workflowId: z.string(),
    runId: z.string(),
    /** The run's wait this decision answers: its `waitingSince`, so a second decision on a later wait is a new job. */
    step: z.number(),
    /** `role`: the decider's role in the workspace, checked on the worker against the node's Required role. */
    options: z.object({ nodeId: z.string().optional(), decision: JobDecisionSchema, role: RoleSchema.optional() }),
  }),
  z.object({
    kind: z.literal('resume'),
    workspace: z.string(),
    workflowId: z.string(),
    runId: z.string(),
    /** The run's last `resumedAt` or `startedAt`: one resume job per interruption. */
    step: z.number(),
    /** `by`: who asked for it, for the audit trail. */
    options: z.object({ by: z.string().optional() }),
  }),
]);
export type RunJob = z.infer<typeof RunJobSchema>;

/** What a job returns when its run ends or waits: the run's status. */
export const RunJobResultSchema = z.object({
  runId: z.string(),
  status: z.enum(['succeeded', 'failed', 'cancelled', 'waiting']),
});
export type RunJobResult = z.infer<typeof RunJobResultSchema>;

/**
 * The job's id, derived from the run (and, for a continuation, the step it continues): enqueueing the same run twice
 * (a firing retried after a Redis hiccup, a decision sent twice) adds nothing, so no run starts twice. BullMQ refuses
 * `:` in custom ids; workspace ids and run ids are safe folder names, which never hold `/`.
 */
export function runJobId(job: Pick<RunJob, 'workspace' | 'runId' | 'kind'> & { step?: number }): string {
  const base = `${job.workspace}/${job.runId}/${job.kind}`;
  return job.step === undefined ? base : `${base}/${job.step}`;
}

/** The workspace and run of a job id made by {@link runJobId}. */
export function runOfJobId(jobId: string): { workspace: string; runId: string } | undefined {
  const [workspace, runId] = jobId.split('/');
  return workspace === undefined || runId === undefined ? undefined : { workspace, runId };
}
