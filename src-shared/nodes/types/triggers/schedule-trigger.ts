import { z } from 'zod';
import { scheduleProblems } from '../../../triggers/schedule.ts';
import { defineNodeType } from '../../define-node-type.ts';
import { port } from '../../ports.ts';
import { firedWith } from './trigger-payload.ts';

const MONTH_SECONDS = 31 * 24 * 60 * 60;

/** What a Schedule trigger emits: the tick it fired for, and when it actually fired (later after a restart). */
export interface SchedulePayload {
  scheduledFor: string;
  firedAt: string;
  /** Set when the tick was missed while Operon was stopped and run once on start (missedTicks: runOnce). */
  missed?: boolean;
}

/** Starts the workflow on a cron schedule (seconds and a time zone) or every fixed number of seconds, while it is active. */
export const scheduleTrigger = defineNodeType({
  type: 'core.schedule-trigger',
  version: 1,
  kind: 'trigger',
  title: 'Schedule',
  category: 'Triggers',
  description: 'Starts the workflow on a schedule (cron with seconds and a time zone, or every N seconds) while it is active.',
  icon: 'clock',
  summary: [{ field: 'cron', label: 'Cron' }],
  config: z.object({
    mode: z
      .enum(['cron', 'interval'])
      .default('cron')
      .describe('cron: at the times a cron expression names; interval: every fixed number of seconds.')
      .meta({ ui: 'select' }),
    cron: z
      .string()
      .default('0 0 9 * * 1-5')
      .describe(
        'With mode cron: seconds (optional), minutes, hours, day of month, month, day of week. "0 0 9 * * 1-5" is 09:00 on weekdays.',
      )
      .meta({ ui: 'cron', when: { mode: ['cron'] } }),
    timezone: z
      .string()
      .default('UTC')
      .describe('The time zone the cron fields are read in (an IANA name: "Europe/Berlin").')
      .meta({
        ui: 'timezone',
        when: { mode: ['cron'] },
      }),
    everySeconds: z
      .int()
      .min(1)
      .max(MONTH_SECONDS)
      .default(3600)
      .describe(
        'With mode interval: seconds between runs (ticks fall on fixed times counted from 1970-01-01 UTC, so every 3600 is on the hour and a restart keeps them).',
      )
      .meta({ when: { mode: ['interval'] } }),
  }),
  inputs: {},
  outputs: { out: port('object', { description: '{ scheduledFor, firedAt } as ISO times' }) },
  check: (config) => scheduleProblems(config),
  run: (ctx) => {
    const now = new Date(ctx.clock.now()).toISOString();
    return Promise.resolve({ out: firedWith<SchedulePayload>(ctx, () => ({ scheduledFor: now, firedAt: now })) });
  },
});
