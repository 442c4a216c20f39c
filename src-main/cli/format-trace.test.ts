import { describe, expect, it } from 'vitest';
import { eventsFor } from '../services/test-support.ts';
import { nodeTrace } from './format-trace.ts';

const plain = (lines: string[]) => lines.join('\n').replace(/\x1b\[[0-9;]*m/g, ''); // eslint-disable-line no-control-regex

describe('nodeTrace', () => {
  it('shows reused nodes with their source, and a debug pause and override before the node ran', () => {
    const at = eventsFor('r2');
    const text = plain(
      nodeTrace([
        at({ type: 'node.reused', nodeId: 'fetch', outputs: { out: 1 }, from: { kind: 'run', runId: 'r1' } }),
        at({ type: 'node.reused', nodeId: 'pinned', outputs: {}, from: { kind: 'pin' } }),
        at({ type: 'node.paused', nodeId: 'shape', reason: 'breakpoint', inputs: { in: 1 } }),
        at({ type: 'node.override', nodeId: 'shape', inputs: { in: 5 }, by: 'ana' }),
        at({ type: 'node.started', nodeId: 'shape', attempt: 1, inputs: { in: 5 } }),
        at({ type: 'node.finished', nodeId: 'shape', status: 'succeeded', outputs: { out: 50 }, durationMs: 3, attempts: 1 }),
        at({ type: 'node.paused', nodeId: 'held', reason: 'step', inputs: {} }),
      ]),
    );
    expect(text).toMatch(/^⇢ fetch\s+reused\s*\n {4}out {2}\{"out":1\} \(reused from run r1\)$/m);
    expect(text).toMatch(/^⇢ pinned\s+reused\s*\n {4}out {2}\{\} \(pinned output\)$/m);
    expect(text).toContain(
      '✓ shape  succeeded     3 ms\n    paused (breakpoint) before it started, in {"in":1}\n    inputs overridden by ana: {"in":5}',
    );
    expect(text).toMatch(/^⏸ held\s+paused/m);
  });

  it("shows a node the run's cancel stopped as cancelled, not failed", () => {
    const at = eventsFor('r3');
    const text = plain(
      nodeTrace([
        at({ type: 'node.started', nodeId: 'wait', attempt: 1, inputs: {} }),
        at({ type: 'node.error', nodeId: 'wait', attempt: 1, error: { code: 'OPR-104', message: 'run cancelled' }, handling: 'fail' }),
        at({ type: 'node.finished', nodeId: 'wait', status: 'failed', outputs: {}, durationMs: 300, attempts: 1 }),
        at({ type: 'node.started', nodeId: 'bad', attempt: 1, inputs: {} }),
        at({ type: 'node.error', nodeId: 'bad', attempt: 1, error: { code: 'OPR-102', message: 'boom' }, handling: 'fail' }),
        at({ type: 'node.finished', nodeId: 'bad', status: 'failed', outputs: {}, durationMs: 1, attempts: 1 }),
      ]),
    );
    expect(text).toMatch(/^■ wait\s+cancelled\s+300 ms$/m);
    expect(text).toMatch(/^✗ bad\s+failed\s+1 ms$/m);
  });
});
