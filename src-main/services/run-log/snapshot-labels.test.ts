import { describe, expect, it } from 'vitest';
import { snapshotLabels } from './snapshot-labels.ts';

const titles: Record<string, string> = { 'core.router': 'Router', 'core.approval': 'Approval' };
const titleOf = (type: string) => titles[type];
const snapshot = {
  nodes: [
    { id: 'r1', type: 'core.router' },
    { id: 'ok', type: 'core.approval', label: 'Manager sign-off' },
    { id: 'r2', type: 'core.router' },
    { id: 'x', type: 'acme.unknown' },
  ],
};

describe("a run's snapshot labels", () => {
  it('name nodes as the editor does: label, else the type title numbered, else the id', () => {
    expect([...snapshotLabels(snapshot, titleOf)]).toEqual([
      ['r1', 'Router'],
      ['ok', 'Manager sign-off'],
      ['r2', 'Router 2'],
      ['x', 'x'],
    ]);
  });

  it('fall back to ids without titles, and to nothing for a snapshot that is not a workflow', () => {
    expect(snapshotLabels(snapshot).get('r2')).toBe('r2');
    expect(snapshotLabels({ nodes: 'no' }, titleOf).size).toBe(0);
    expect(snapshotLabels(undefined, titleOf).size).toBe(0);
  });
});
