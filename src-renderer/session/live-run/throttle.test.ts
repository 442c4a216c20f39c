import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { coalesce } from './throttle.ts';

describe('coalesce', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs once for a burst of calls, after the wait', () => {
    const fn = vi.fn();
    const refresh = coalesce(fn, 300);
    for (let i = 0; i < 100; i++) refresh.schedule();
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(300);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('runs again for calls after the wait, and not after cancel', () => {
    const fn = vi.fn();
    const refresh = coalesce(fn, 100);
    refresh.schedule();
    vi.advanceTimersByTime(100);
    refresh.schedule();
    vi.advanceTimersByTime(100);
    expect(fn).toHaveBeenCalledTimes(2);
    refresh.schedule();
    refresh.cancel();
    vi.advanceTimersByTime(1000);
    expect(fn).toHaveBeenCalledTimes(2);
  });
});
