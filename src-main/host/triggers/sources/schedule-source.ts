import { z } from 'zod';
import type { SchedulePayload } from '../../../../src-shared/nodes/types/triggers/schedule-trigger.ts';
import type { Clock } from '../../../../src-shared/services/clock.ts';
import { nextFireTimes, lastFireTimeBetween, scheduleProblems, type ScheduleSpec } from '../../../../src-shared/triggers/schedule.ts';
import { serviceSettings } from '../../../../src-shared/workflow/schema.ts';
import type { ListenedTrigger, TriggerDispatcher, TriggerSource, TriggerStatus } from '../trigger-source.ts';
import { createScheduleStateStore } from './schedule-state.ts';

/** setTimeout's longest wait (2^31-1 ms, about 24.8 days): a longer wait is taken in parts. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

const ScheduleConfigSchema = z.object({
  mode: z.enum(['cron', 'interval']),
  cron: z.string(),
  timezone: z.string(),
  everySeconds: z.number(),
});

export interface ScheduleSourceOptions {
  /** The data folder: each workspace keeps its last ticks in `<workspace>/service/schedule-state.json`. */
  dataDir: string;
  dispatcher: TriggerDispatcher;
  clock: Clock;
  /** One line per trouble (a schedule that cannot fire, a state file that cannot be written). */
  log: (line: string) => void;
}

interface Armed {
  workspace: string;
  workflowId: string;
  nodeId: string;
  spec: ScheduleSpec;
  next?: number;
  problem?: string;
  cancel?: () => void;
}

/**
 * The Schedule triggers' source (`kind: 'schedule'`): each listened trigger fires at the times its schedule gives
 * (`nextFireTimes`), the next tick worked out from the schedule after every tick, so ticks never drift. The last tick
 * fired is kept per trigger, so a restart knows what it missed: the workflow's `missedTicks` says whether to skip it or
 * to fire once on start (`missed: true`, with the missed tick's `scheduledFor`).
 */
export function createScheduleSource(options: ScheduleSourceOptions): TriggerSource {
  const { dataDir, dispatcher, clock, log } = options;
  const states = createScheduleStateStore(dataDir, log);
  const armed = new Map<string, Armed>();
  let closed = false;
  let listening: Promise<void> = Promise.resolve();

  const fire = (entry: Armed, scheduledFor: number, missed: boolean): void => {
    const payload: SchedulePayload = {
      scheduledFor: new Date(scheduledFor).toISOString(),
      firedAt: new Date(clock.now()).toISOString(),
      ...(missed ? { missed: true } : {}),
    };
    const { workspace, workflowId, nodeId } = entry;
    states
      .setLastTick(workspace, workflowId, nodeId, scheduledFor)
      .catch((error: unknown) => log(`OPR-244 ${describe(entry)}: ${text(error)}`));
    dispatcher
      .fire({ workspace, workflowId, nodeId, kind: 'schedule', payload: { ...payload } })
      .catch((error: unknown) => log(`OPR-240 ${describe(entry)} could not fire: ${text(error)}`));
  };

  /** Arms the timer for the tick after `after`; a wait past MAX_TIMER_MS wakes early and arms again. */
  const arm = (entry: Armed, after: number): void => {
    entry.cancel?.();
    entry.cancel = undefined;
    const next = nextFireTimes(entry.spec, after, 1)[0];
    entry.next = next;
    if (next === undefined || closed) return;
    const wait = (): void => {
      const remaining = next - clock.now();
      if (remaining > 0) {
        entry.cancel = clock.setTimer(Math.min(remaining, MAX_TIMER_MS), wait);
        return;
      }
      try {
        // The next tick comes from the schedule (after this tick, or after now when the timer was late, so a host that
        // slept does not fire a burst): never from now + a period.
        arm(entry, Math.max(next, clock.now()));
        fire(entry, next, false);
      } catch (error) {
        entry.problem = `OPR-240 ${text(error)}`;
        log(`${entry.problem} (${describe(entry)})`);
      }
    };
    wait();
  };

  const start = async (trigger: ListenedTrigger, wasArmed: boolean): Promise<Armed> => {
    const entry: Armed = { workspace: trigger.workspace, workflowId: trigger.workflow.id, nodeId: trigger.node.id, spec: defaultSpec };
    const parsed = ScheduleConfigSchema.safeParse(trigger.config);
    const problems = parsed.success ? scheduleProblems(parsed.data) : [{ message: 'its settings are not a schedule' }];
    if (!parsed.success || problems.length > 0) {
      entry.problem = `OPR-240 the schedule cannot fire: ${problems.map((p) => p.message).join('; ')}`;
      log(`${entry.problem} (${describe(entry)})`);
      return entry;
    }
    entry.spec = parsed.data;
    const now = clock.now();
    const last = await states.lastTick(entry.workspace, entry.workflowId, entry.nodeId);
    if (last === undefined) {
      // Listened for the first time: nothing was missed; from now on a restart can tell.
      await states.setLastTick(entry.workspace, entry.workflowId, entry.nodeId, now);
    } else if (!wasArmed) {
      const missed = lastFireTimeBetween(entry.spec, last, now);
      if (missed !== undefined) {
        if (serviceSettings(trigger.workflow.settings ?? {}).missedTicks === 'runOnce') fire(entry, missed, true);
        else await states.setLastTick(entry.workspace, entry.workflowId, entry.nodeId, missed);
      }
    }
    if (!closed) arm(entry, now);
    return entry;
  };

  const listenNow = async (workspace: string, workflowId: string, triggers: ListenedTrigger[]): Promise<void> => {
    if (closed) return;
    const prefix = `${workspace}/${workflowId}/`;
    const before = new Set<string>();
    for (const [key, entry] of armed)
      if (key.startsWith(prefix)) {
        entry.cancel?.();
        armed.delete(key);
        before.add(key);
      }
    const keep = new Set(triggers.map((trigger) => trigger.node.id));
    await states.forget(workspace, workflowId, keep).catch((error: unknown) => log(`OPR-244 ${prefix}: ${text(error)}`));
    for (const trigger of triggers) {
      const key = prefix + trigger.node.id;
      try {
        const entry = await start(trigger, before.has(key));
        if (closed) entry.cancel?.();
        else armed.set(key, entry);
      } catch (error) {
        const problem = `OPR-240 the schedule could not start: ${text(error)}`;
        log(`${problem} (${key})`);
        armed.set(key, { workspace, workflowId, nodeId: trigger.node.id, spec: defaultSpec, problem });
      }
    }
  };

  return {
    kind: 'schedule',
    listen(workspace, workflowId, triggers) {
      // One listen at a time, so a save while activating cannot leave two timers for one trigger.
      listening = listening.then(() => listenNow(workspace, workflowId, triggers));
      return listening;
    },
    status(workspace, workflowId, nodeId): TriggerStatus {
      const entry = armed.get(`${workspace}/${workflowId}/${nodeId}`);
      if (entry === undefined) return {};
      return {
        ...(entry.next === undefined ? {} : { next: entry.next }),
        ...(entry.problem === undefined ? {} : { problem: entry.problem }),
      };
    },
    async close() {
      closed = true;
      for (const entry of armed.values()) entry.cancel?.();
      armed.clear();
      await listening;
      await states.flush();
    },
  };
}

const defaultSpec: ScheduleSpec = { mode: 'interval', cron: '', timezone: 'UTC', everySeconds: 1 };

function describe(entry: Pick<Armed, 'workspace' | 'workflowId' | 'nodeId'>): string {
  return `schedule trigger ${entry.workspace}/${entry.workflowId}/${entry.nodeId}`;
}

function text(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
