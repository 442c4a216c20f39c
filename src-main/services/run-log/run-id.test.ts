import { describe, expect, it } from 'vitest';
import { isSafeRunId, newRunId, RUN_ID_PATTERN } from './run-id.ts';

describe('newRunId', () => {
  it('is the UTC time plus 6 random base36 characters', () => {
    const id = newRunId(Date.UTC(2026, 10, 21, 8, 34, 15, 999));
    expect(id).toMatch(/^20261121-083415-[0-9a-z]{6}$/);
    expect(id).toMatch(RUN_ID_PATTERN);
    expect(isSafeRunId(id)).toBe(true);
  });

  it('sorts by time and does not repeat', () => {
    const ids = Array.from({ length: 1000 }, () => newRunId(0));
    expect(new Set(ids).size).toBe(1000);
    expect(newRunId(Date.UTC(2030, 0, 1)) > newRunId(Date.UTC(2029, 11, 31, 23, 59, 59))).toBe(true);
  });

  it('accepts only safe folder names', () => {
    for (const bad of ['', '.', '..', '../x', 'a/b', 'a\\b', '-x', '.x']) expect(isSafeRunId(bad)).toBe(false);
  });
});
