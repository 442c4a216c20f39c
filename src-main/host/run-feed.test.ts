import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src-shared/engine/events.ts';
import { createRunFeed } from './run-feed.ts';

const log = (runId: string, seq: number): EngineEvent => ({
  type: 'node.log',
  nodeId: 'a',
  level: 'info',
  message: 'm',
  seq,
  ts: 0,
  runId,
});

describe('createRunFeed', () => {
  it('gives each listener its own run’s events only, until it stops listening', () => {
    const feed = createRunFeed();
    const a: number[] = [];
    const b: number[] = [];
    const stopA = feed.listen('ra', (event) => a.push(event.seq));
    feed.listen('rb', (event) => b.push(event.seq));
    feed.publish(log('ra', 0));
    feed.publish(log('rb', 0));
    feed.publish(log('child-of-ra', 0));
    feed.publish(log('ra', 1));
    stopA();
    feed.publish(log('ra', 2));
    expect(a).toEqual([0, 1]);
    expect(b).toEqual([0]);
  });

  it('keeps calling the other listeners when one throws, and reports the error', () => {
    const errors: unknown[] = [];
    const feed = createRunFeed((error) => errors.push(error));
    const got: number[] = [];
    feed.listen('r', () => {
      throw new Error('boom');
    });
    feed.listen('r', (event) => got.push(event.seq));
    feed.publish(log('r', 7));
    expect(got).toEqual([7]);
    expect(errors).toMatchObject([{ message: 'boom' }]);
  });
});
