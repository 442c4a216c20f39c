import { describe, expect, it } from 'vitest';
import { workflowFileName } from './file-name.ts';

describe('workflowFileName', () => {
  it('names the file after the workflow', () => {
    expect(workflowFileName({ id: 'ticket-triage', name: 'Ticket triage' })).toBe('Ticket triage.operon.json');
  });

  it('replaces characters file systems refuse, and trims dots and spaces', () => {
    expect(workflowFileName({ id: 'w', name: 'Q3: refunds / EU <draft>?' })).toBe('Q3 refunds EU draft.operon.json');
    expect(workflowFileName({ id: 'w', name: '..hidden..' })).toBe('hidden.operon.json');
    expect(workflowFileName({ id: 'w', name: 'tab\there\nnewline' })).toBe('tab here newline.operon.json');
  });

  it('falls back to the id when nothing usable is left or the name is a reserved device name', () => {
    expect(workflowFileName({ id: 'workflow-3', name: '???' })).toBe('workflow-3.operon.json');
    expect(workflowFileName({ id: 'workflow-4', name: 'CON' })).toBe('workflow-4.operon.json');
    expect(workflowFileName({ id: 'workflow-5', name: 'lpt1' })).toBe('workflow-5.operon.json');
  });

  it('keeps long names to 100 characters', () => {
    const name = workflowFileName({ id: 'w', name: 'a'.repeat(300) });
    expect(name).toBe(`${'a'.repeat(100)}.operon.json`);
  });
});
