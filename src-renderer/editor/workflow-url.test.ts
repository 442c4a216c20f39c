import { describe, expect, it } from 'vitest';
import { workflowHash, workflowIdOfHash } from './workflow-url.ts';

describe('workflow URL', () => {
  it('round-trips ids, escaping what a hash cannot hold', () => {
    for (const id of ['ticket-triage', 'a b', 'x/y', 'é']) expect(workflowIdOfHash(workflowHash(id))).toBe(id);
    expect(workflowHash('a b')).toBe('#/workflows/a%20b');
  });

  it('names no workflow for the start page, other hashes and malformed escapes', () => {
    expect(workflowHash(undefined)).toBe('#/');
    for (const hash of ['', '#/', '#/workflows/', '#/runs/x', '#/workflows/%E0%A4%A']) expect(workflowIdOfHash(hash)).toBeUndefined();
  });
});
