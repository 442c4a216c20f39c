import { describe, expect, it } from 'vitest';
import { shownStatus } from './shown-status.ts';

describe('shownStatus', () => {
  it('shows a succeeded node a person rejected as rejected, and every other status as it is', () => {
    expect(shownStatus('succeeded', 'rejected')).toBe('rejected');
    expect(shownStatus('succeeded', 'approved')).toBe('succeeded');
    expect(shownStatus('succeeded', undefined)).toBe('succeeded');
    expect(shownStatus('failed', 'rejected')).toBe('failed');
    expect(shownStatus('waiting', undefined)).toBe('waiting');
  });
});
