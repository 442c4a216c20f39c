import { describe, expect, it } from 'vitest';
import { IdSchema } from '../../src-shared/workflow/schema.ts';
import { workflowIdFromName } from './ids.ts';

describe('workflowIdFromName', () => {
  it('makes a readable, valid id from a name', () => {
    expect(workflowIdFromName('My Flow!', new Set())).toBe('my-flow');
    expect(workflowIdFromName('  --Daily report v2.0  ', new Set())).toBe('daily-report-v2.0');
    expect(workflowIdFromName('???', new Set())).toBe('workflow');
    for (const name of ['My Flow!', '.hidden', 'ünïcödé', 'x'.repeat(300)]) {
      expect(IdSchema.safeParse(workflowIdFromName(name, new Set())).success, name).toBe(true);
    }
  });

  it('does not take an id in use', () => {
    expect(workflowIdFromName('Diamond', new Set(['diamond']))).toBe('diamond-1');
    expect(workflowIdFromName('Diamond', new Set(['diamond', 'diamond-1']))).toBe('diamond-2');
  });
});
