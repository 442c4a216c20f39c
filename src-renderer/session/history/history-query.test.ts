import { describe, expect, it } from 'vitest';
import { dayStart, DEFAULT_FILTER, historyQuery, toggleStatus } from './history-query.ts';

describe('historyQuery', () => {
  it("lists the workflow's runs by default, and the workspace's without a workflow id", () => {
    expect(historyQuery(DEFAULT_FILTER, 'wf')).toEqual({ workflowId: 'wf', limit: 200 });
    expect(historyQuery({ ...DEFAULT_FILTER, scope: 'workspace' }, 'wf')).toEqual({ limit: 200 });
  });

  it('filters by status and by local days, both ends inclusive', () => {
    const query = historyQuery({ ...DEFAULT_FILTER, statuses: ['failed'], since: '2026-03-01', until: '2026-03-02' }, 'wf');
    expect(query.status).toEqual(['failed']);
    expect(query.since).toBe(new Date(2026, 2, 1).getTime());
    expect(query.until).toBe(new Date(2026, 2, 3).getTime() - 1);
  });

  it('ignores malformed dates', () => {
    expect(historyQuery({ ...DEFAULT_FILTER, since: '2026-02-31', until: 'soon' }, 'wf')).toEqual({
      workflowId: 'wf',
      limit: 200,
    });
    expect(dayStart('')).toBeUndefined();
  });
});

describe('toggleStatus', () => {
  it('adds a status in the canonical order and removes it again', () => {
    expect(toggleStatus(['succeeded'], 'running')).toEqual(['running', 'succeeded']);
    expect(toggleStatus(['running', 'succeeded'], 'running')).toEqual(['succeeded']);
  });
});
