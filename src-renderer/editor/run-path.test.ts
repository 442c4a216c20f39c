import { describe, expect, it } from 'vitest';
import { edgeRunMark } from './run-path.ts';

describe('edgeRunMark', () => {
  const nodes = {
    approve: { status: 'succeeded', emitted: ['rejected'], decision: 'rejected' },
    pinned: { status: 'reused' },
    skip: { status: 'skipped' },
    busy: { status: 'running' },
  } as const;

  it('marks the edges from emitted ports as taken, the others of a settled node as not taken', () => {
    expect(edgeRunMark({ source: 'approve', sourceHandle: 'rejected' }, nodes)).toBe('taken');
    expect(edgeRunMark({ source: 'approve', sourceHandle: 'approved' }, nodes)).toBe('not-taken');
    expect(edgeRunMark({ source: 'skip', sourceHandle: 'out' }, nodes)).toBe('not-taken');
    expect(edgeRunMark({ source: 'pinned', sourceHandle: 'out' }, nodes)).toBe('taken');
  });

  it('leaves unmarked the edges of nodes that have not settled or not been reached', () => {
    expect(edgeRunMark({ source: 'busy', sourceHandle: 'out' }, nodes)).toBeUndefined();
    expect(edgeRunMark({ source: 'nowhere', sourceHandle: 'out' }, nodes)).toBeUndefined();
  });
});
