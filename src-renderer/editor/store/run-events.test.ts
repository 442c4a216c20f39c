import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../../src-shared/engine/events.ts';
import { applyRunEvent, IDLE_RUN } from './run-events.ts';

const base = { seq: 0, ts: 0, runId: 'r1' };
const error = { code: 'OPR-100', message: 'boom' } as const;

function play(events: EngineEvent[]) {
  return events.reduce(applyRunEvent, IDLE_RUN);
}

describe('applyRunEvent', () => {
  const started: EngineEvent = {
    ...base,
    type: 'run.started',
    workflowId: 'w',
    workflowHash: 'h',
    trigger: { type: 'manual' },
    inputs: {},
  };

  it('follows every node status', () => {
    const run = play([
      started,
      { ...base, type: 'node.queued', nodeId: 'q' },
      { ...base, type: 'node.started', nodeId: 'ok', attempt: 1, inputs: {} },
      { ...base, type: 'node.finished', nodeId: 'ok', status: 'succeeded', outputs: {}, durationMs: 5, attempts: 1 },
      { ...base, type: 'node.finished', nodeId: 'c', status: 'cached', outputs: {}, durationMs: 0, attempts: 0 },
      { ...base, type: 'node.skipped', nodeId: 's', reason: 'branch not taken' },
      { ...base, type: 'node.waiting', nodeId: 'wait', request: { title: 't', message: 'm' } },
      { ...base, type: 'node.started', nodeId: 'bad', attempt: 1, inputs: {} },
      { ...base, type: 'node.retry', nodeId: 'bad', attempt: 1, error, delayMs: 10 },
      { ...base, type: 'node.error', nodeId: 'bad', attempt: 2, error, handling: 'fail' },
      { ...base, type: 'node.started', nodeId: 'running', attempt: 1, inputs: {} },
      { ...base, type: 'run.waiting', pending: [] },
    ]);
    expect(run.status).toBe('waiting');
    expect(run.nodes).toEqual({
      q: { status: 'queued' },
      ok: { status: 'succeeded', attempt: 1, durationMs: 5, emitted: [] },
      c: { status: 'cached', attempt: 0, durationMs: 0, emitted: [] },
      s: { status: 'skipped', reason: 'branch not taken' },
      wait: { status: 'waiting' },
      bad: { status: 'failed', attempt: 2, error },
      running: { status: 'running', attempt: 1 },
    });
  });

  it('ignores other runs and child runs, and finishes', () => {
    const child: EngineEvent = { ...started, runId: 'child', parent: { runId: 'r1', nodeId: 'sub' } };
    const run = play([
      started,
      child,
      { ...base, runId: 'child', type: 'node.queued', nodeId: 'x' },
      {
        ...base,
        type: 'run.finished',
        status: 'failed',
        outputs: {},
        totals: { nodes: 0, succeeded: 0, failed: 0, skipped: 0, cached: 0, executions: 0, durationMs: 0 },
      },
    ]);
    expect(run).toEqual({ runId: 'r1', status: 'failed', source: 'live', nodes: {} });
    expect(play([{ ...started, runId: 'r2' }, started]).runId).toBe('r1');
  });

  it('follows a debug run: paused with its reason, an input override kept through the finish, reused nodes with their source', () => {
    const run = play([
      started,
      { ...base, type: 'node.reused', nodeId: 'pinned', outputs: { out: 1 }, from: { kind: 'pin' } },
      { ...base, type: 'node.reused', nodeId: 'past', outputs: { out: 2 }, from: { kind: 'run', runId: 'r0' } },
      { ...base, type: 'node.paused', nodeId: 'held', reason: 'breakpoint', inputs: { in: 1 } },
      { ...base, type: 'node.paused', nodeId: 'edited', reason: 'step', inputs: { in: 1 } },
      { ...base, type: 'node.override', nodeId: 'edited', inputs: { in: 2 }, by: 'ana' },
      { ...base, type: 'node.started', nodeId: 'edited', attempt: 1, inputs: { in: 2 } },
      { ...base, type: 'node.finished', nodeId: 'edited', status: 'succeeded', outputs: {}, durationMs: 1, attempts: 1 },
    ]);
    expect(run.nodes).toEqual({
      pinned: { status: 'reused', reusedFrom: { kind: 'pin' } },
      past: { status: 'reused', reusedFrom: { kind: 'run', runId: 'r0' } },
      held: { status: 'paused', pauseReason: 'breakpoint' },
      edited: { status: 'succeeded', attempt: 1, durationMs: 1, emitted: [], overridden: true },
    });
  });

  it('forgets a node held at a pause when the run ends (cancelled while paused: it never started)', () => {
    const finished = play([
      started,
      { ...base, type: 'node.finished', nodeId: 'done', status: 'succeeded', outputs: {}, durationMs: 1, attempts: 1 },
      { ...base, type: 'node.paused', nodeId: 'held', reason: 'breakpoint', inputs: {} },
      { ...base, type: 'node.override', nodeId: 'held', inputs: { in: 2 }, by: 'ana' },
      {
        ...base,
        type: 'run.finished',
        status: 'cancelled',
        outputs: {},
        totals: { nodes: 2, succeeded: 1, failed: 0, skipped: 0, cached: 0, executions: 1, durationMs: 1 },
      },
    ]);
    expect(finished.status).toBe('cancelled');
    expect(finished.nodes).toEqual({ done: { status: 'succeeded', attempt: 1, durationMs: 1, emitted: [] } });
  });

  it('changes only the node concerned', () => {
    const run = play([started, { ...base, type: 'node.queued', nodeId: 'a' }]);
    const next = applyRunEvent(run, { ...base, type: 'node.queued', nodeId: 'b' });
    expect(next.nodes.a).toBe(run.nodes.a);
    expect(applyRunEvent(next, { ...base, type: 'node.log', nodeId: 'b', level: 'info', message: 'x' })).toBe(next);
  });

  it("keeps a person's decision through the approval's run, and the ports each node emitted", () => {
    const decision = { decision: 'rejected', by: 'ana', at: 1 } as const;
    const run = play([
      started,
      { ...base, type: 'node.waiting', nodeId: 'approve', request: { title: 't', message: 'm' } },
      { ...base, type: 'node.decision', nodeId: 'approve', decision },
      { ...base, type: 'node.queued', nodeId: 'approve' },
      { ...base, type: 'node.started', nodeId: 'approve', attempt: 1, inputs: {} },
      { ...base, type: 'node.finished', nodeId: 'approve', status: 'succeeded', outputs: { rejected: {} }, durationMs: 2, attempts: 1 },
    ]);
    expect(run.nodes.approve).toEqual({ status: 'succeeded', attempt: 1, durationMs: 2, emitted: ['rejected'], decision: 'rejected' });
  });
});
