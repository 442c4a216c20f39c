import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createVirtualClock } from '../../../../src-shared/engine/testing/virtual-clock.ts';
import { scheduleTrigger } from '../../../../src-shared/nodes/types/triggers/schedule-trigger.ts';
import type { WorkflowSettings } from '../../../../src-shared/workflow/schema.ts';
import { tempDir } from '../../../services/test-support.ts';
import type { Clock } from '../../../../src-shared/services/clock.ts';
import type { TriggerSource } from '../trigger-source.ts';
import { createScheduleSource, MAX_TIMER_MS } from './schedule-source.ts';
import { countingClock } from './testing/counting-clock.ts';
import { listenedTrigger } from './testing/listened-trigger.ts';
import { createRecordingDispatcher, type RecordingDispatcher } from './testing/recording-dispatcher.ts';

const iso = (text: string): number => Date.parse(text);

function setup(dataDir: string, clock: Clock): { source: TriggerSource; dispatcher: RecordingDispatcher; logged: string[] } {
  const dispatcher = createRecordingDispatcher();
  const logged: string[] = [];
  const source = createScheduleSource({ dataDir, dispatcher, clock, log: (line) => logged.push(line) });
  return { source, dispatcher, logged };
}

const schedule = (nodeId: string, config: Record<string, unknown>, settings: Partial<WorkflowSettings> = {}, workflowId = 'daily') =>
  listenedTrigger({ type: scheduleTrigger, workflowId, nodeId, config, settings });

/** The ticks a dispatcher was asked to fire, as ISO times. */
const ticksOf = (requests: { payload: Record<string, unknown> }[]): unknown[] => requests.map((request) => request.payload.scheduledFor);

describe('the schedule source', () => {
  it('fires a cron with seconds at its instants in its time zone, across a change to summer time', async () => {
    const clock = createVirtualClock(iso('2026-03-27T00:00:00Z'));
    const { source, dispatcher } = setup(await tempDir(), clock);
    await source.listen('default', 'daily', [schedule('tick', { cron: '15 0 9 * * *', timezone: 'Europe/Berlin' })]);
    expect(source.status('default', 'daily', 'tick')).toEqual({ next: iso('2026-03-27T08:00:15Z') });

    const fired = await dispatcher.fired(4);
    await source.close();
    // 09:00:15 in Berlin: UTC+1 until 29 March 2026, UTC+2 after.
    expect(ticksOf(fired)).toEqual([
      '2026-03-27T08:00:15.000Z',
      '2026-03-28T08:00:15.000Z',
      '2026-03-29T07:00:15.000Z',
      '2026-03-30T07:00:15.000Z',
    ]);
    expect(fired[0]).toEqual({
      workspace: 'default',
      workflowId: 'daily',
      nodeId: 'tick',
      kind: 'schedule',
      payload: { scheduledFor: '2026-03-27T08:00:15.000Z', firedAt: '2026-03-27T08:00:15.000Z' },
    });
  });

  it('fires an interval on ticks counted from the epoch, each worked out from the schedule', async () => {
    const clock = createVirtualClock(iso('2026-01-01T00:00:10Z'));
    const { source, dispatcher } = setup(await tempDir(), clock);
    await source.listen('default', 'daily', [schedule('every', { mode: 'interval', everySeconds: 90 })]);
    const fired = await dispatcher.fired(3);
    await source.close();
    expect(ticksOf(fired)).toEqual(['2026-01-01T00:01:30.000Z', '2026-01-01T00:03:00.000Z', '2026-01-01T00:04:30.000Z']);
    expect(fired.map((request) => request.payload.firedAt)).toEqual(ticksOf(fired));
  });

  it("waits past setTimeout's limit in parts and still fires on the tick", async () => {
    const clock = countingClock(createVirtualClock(iso('2026-01-01T00:00:01Z')));
    const { source, dispatcher } = setup(await tempDir(), clock);
    await source.listen('default', 'daily', [schedule('yearly', { cron: '0 0 0 1 1 *' })]);
    const [fired] = await dispatcher.fired(1);
    await source.close();
    expect(fired?.payload.scheduledFor).toBe('2027-01-01T00:00:00.000Z');
    expect(Math.max(...clock.waits)).toBe(MAX_TIMER_MS);
    expect(clock.pending()).toBe(0);
  });

  it('keeps the last tick in the workspace, written whole', async () => {
    const dataDir = await tempDir();
    const { source, dispatcher } = setup(dataDir, createVirtualClock(iso('2026-01-01T00:00:00Z')));
    await source.listen('default', 'daily', [schedule('every', { mode: 'interval', everySeconds: 60 })]);
    await dispatcher.fired(2);
    await source.close();
    const state = JSON.parse(await readFile(path.join(dataDir, 'workspaces', 'default', 'service', 'schedule-state.json'), 'utf8')) as {
      lastTicks: Record<string, Record<string, number>>;
    };
    const last = dispatcher.requests.at(-1)?.payload.scheduledFor;
    expect(state.lastTicks.daily?.every).toBe(Date.parse(String(last)));
  });

  describe('after a restart (a new source over the same data folder)', () => {
    const every = (settings: Partial<WorkflowSettings>) => schedule('every', { mode: 'interval', everySeconds: 60 }, settings);

    async function runUntilStopped(dataDir: string, settings: Partial<WorkflowSettings>): Promise<void> {
      const { source, dispatcher } = setup(dataDir, createVirtualClock(iso('2026-01-01T00:00:00Z')));
      await source.listen('default', 'daily', [every(settings)]);
      expect(ticksOf(await dispatcher.fired(2))).toEqual(['2026-01-01T00:01:00.000Z', '2026-01-01T00:02:00.000Z']);
      await source.close();
    }

    it('skips the ticks it missed with missedTicks skip, and goes on from now', async () => {
      const dataDir = await tempDir();
      await runUntilStopped(dataDir, { missedTicks: 'skip' });
      const { source, dispatcher } = setup(dataDir, createVirtualClock(iso('2026-01-01T00:10:30Z')));
      await source.listen('default', 'daily', [every({ missedTicks: 'skip' })]);
      const fired = await dispatcher.fired(2);
      await source.close();
      expect(fired.map((request) => request.payload)).toEqual([
        { scheduledFor: '2026-01-01T00:11:00.000Z', firedAt: '2026-01-01T00:11:00.000Z' },
        { scheduledFor: '2026-01-01T00:12:00.000Z', firedAt: '2026-01-01T00:12:00.000Z' },
      ]);
    });

    it('fires once on start for the last missed tick with missedTicks runOnce, then goes on', async () => {
      const dataDir = await tempDir();
      await runUntilStopped(dataDir, { missedTicks: 'runOnce' });
      const { source, dispatcher } = setup(dataDir, createVirtualClock(iso('2026-01-01T00:10:30Z')));
      await source.listen('default', 'daily', [every({ missedTicks: 'runOnce' })]);
      const fired = await dispatcher.fired(2);
      await source.close();
      expect(fired.map((request) => request.payload)).toEqual([
        { scheduledFor: '2026-01-01T00:10:00.000Z', firedAt: '2026-01-01T00:10:30.000Z', missed: true },
        { scheduledFor: '2026-01-01T00:11:00.000Z', firedAt: '2026-01-01T00:11:00.000Z' },
      ]);
    });

    it('misses nothing for a trigger listened to for the first time, or one deactivated since', async () => {
      const dataDir = await tempDir();
      const first = setup(dataDir, createVirtualClock(iso('2026-01-01T00:00:00Z')));
      await first.source.listen('default', 'daily', [every({ missedTicks: 'runOnce' })]);
      expect(ticksOf(await first.dispatcher.fired(1))).toEqual(['2026-01-01T00:01:00.000Z']);
      await first.source.listen('default', 'daily', []);
      expect(first.source.status('default', 'daily', 'every')).toEqual({});
      await first.source.close();

      const { source, dispatcher } = setup(dataDir, createVirtualClock(iso('2026-01-01T05:00:30Z')));
      await source.listen('default', 'daily', [every({ missedTicks: 'runOnce' })]);
      const fired = await dispatcher.fired(1);
      await source.close();
      expect(fired.map((request) => request.payload)).toEqual([
        { scheduledFor: '2026-01-01T05:01:00.000Z', firedAt: '2026-01-01T05:01:00.000Z' },
      ]);
    });
  });

  it('listens to what a workflow names now: a changed schedule re-arms, a deactivated workflow stops', async () => {
    const clock = createVirtualClock(iso('2026-01-01T00:00:00Z'));
    const { source, dispatcher } = setup(await tempDir(), clock);
    await source.listen('default', 'often', [schedule('tick', { mode: 'interval', everySeconds: 60 }, {}, 'often')]);
    await source.listen('default', 'rarely', [schedule('tick', { mode: 'interval', everySeconds: 7200 }, {}, 'rarely')]);
    await dispatcher.fired(1);
    const changedAt = clock.now();
    await source.listen('default', 'often', [schedule('tick', { mode: 'interval', everySeconds: 3600 }, {}, 'often')]);
    expect(source.status('default', 'often', 'tick')).toEqual({ next: iso('2026-01-01T01:00:00Z') });
    await dispatcher.fired(dispatcher.requests.length + 1);
    const hourly = dispatcher.requests.filter((r) => r.workflowId === 'often' && Date.parse(String(r.payload.scheduledFor)) > changedAt);
    expect(ticksOf(hourly)).toEqual(['2026-01-01T01:00:00.000Z']);

    const stoppedAt = clock.now();
    await source.listen('default', 'often', []);
    // "rarely" ticks on at 02:00 and 04:00; "often" would have ticked in between.
    await dispatcher.fired(dispatcher.requests.filter((r) => Date.parse(String(r.payload.scheduledFor)) <= stoppedAt).length + 2);
    await source.close();
    const after = dispatcher.requests.filter((r) => Date.parse(String(r.payload.scheduledFor)) > stoppedAt);
    expect(after.map((r) => `${r.workflowId} ${String(r.payload.scheduledFor)}`)).toEqual([
      'rarely 2026-01-01T02:00:00.000Z',
      'rarely 2026-01-01T04:00:00.000Z',
    ]);
  });

  it('reports a schedule that cannot fire, and fires the others', async () => {
    const clock = countingClock(createVirtualClock(iso('2026-01-01T00:00:00Z')));
    const { source, dispatcher, logged } = setup(await tempDir(), clock);
    await source.listen('default', 'daily', [
      schedule('broken', { cron: '0 0 25 * * *' }),
      schedule('zone', { timezone: 'Mars/Olympus' }),
      schedule('fine', { mode: 'interval', everySeconds: 30 }),
    ]);
    expect(source.status('default', 'daily', 'broken').problem).toMatch(
      /^OPR-240 the schedule cannot fire: cron expression "0 0 25 \* \* \*"/,
    );
    expect(source.status('default', 'daily', 'zone').problem).toMatch(/OPR-240 .*unknown time zone "Mars\/Olympus"/);
    expect(logged.filter((line) => line.startsWith('OPR-240'))).toHaveLength(2);
    const fired = await dispatcher.fired(2);
    expect(fired.map((request) => request.nodeId)).toEqual(['fine', 'fine']);
    await source.close();
    expect(clock.pending()).toBe(0);
  });

  it('stops every timer on close and fires nothing after', async () => {
    const clock = countingClock(createVirtualClock(iso('2026-01-01T00:00:00Z')));
    const { source, dispatcher } = setup(await tempDir(), clock);
    await source.listen('default', 'a', [schedule('t1', { mode: 'interval', everySeconds: 10 }, {}, 'a')]);
    await source.listen('default', 'b', [schedule('t2', { cron: '*/5 * * * * *' }, {}, 'b')]);
    await dispatcher.fired(3);
    expect(clock.pending()).toBe(2);
    await source.close();
    expect(clock.pending()).toBe(0);
    const count = dispatcher.requests.length;
    await source.listen('default', 'a', [schedule('t1', { mode: 'interval', everySeconds: 10 }, {}, 'a')]);
    expect(clock.pending()).toBe(0);
    expect(dispatcher.requests).toHaveLength(count);
  });
});
