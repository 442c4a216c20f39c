import { describe, expect, it } from 'vitest';
import { plural } from './plural.ts';

describe('plural', () => {
  it('agrees with the count', () => {
    expect(plural(0, 'node')).toBe('0 nodes');
    expect(plural(1, 'node')).toBe('1 node');
    expect(plural(2, 'problem')).toBe('2 problems');
    expect(plural(1200, 'run')).toBe('1,200 runs');
    expect(plural(3, 'entry', 'entries')).toBe('3 entries');
  });
});
