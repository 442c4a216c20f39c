import { describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from '../nodes/builtin.ts';
import { parseWorkflowText } from './parse.ts';
import { STICKY_LIMITS, WorkflowSchema } from './schema.ts';
import { serializeWorkflow } from './serialize.ts';
import { validateWorkflow } from './validate.ts';

const base = {
  schemaVersion: 1,
  id: 'w',
  name: 'W',
  nodes: [{ id: 'start', type: 'core.manual-trigger', typeVersion: 1, position: { x: 0, y: 0 }, config: {} }],
  edges: [],
};
const note = { id: 'note-1', text: 'Ask legal first', position: { x: 5, y: 6 }, size: { width: 240, height: 160 }, colour: 'pink' };

describe('sticky notes in the workflow file', () => {
  it('are optional: a file without them parses and writes without the field (same schemaVersion)', () => {
    const workflow = WorkflowSchema.parse(base);
    expect(workflow.schemaVersion).toBe(1);
    expect(serializeWorkflow(workflow)).not.toContain('stickyNotes');
  });

  it('survive a write and a read, and the workflow still validates (the engine ignores them)', () => {
    const registry = createBuiltinRegistry();
    const text = serializeWorkflow(WorkflowSchema.parse({ ...base, stickyNotes: [note] }));
    const result = parseWorkflowText(text, registry);
    if (!result.ok) expect.fail(JSON.stringify(result.problems));
    expect(result.workflow.stickyNotes).toEqual([note]);
    const again = serializeWorkflow(result.workflow);
    const reread = parseWorkflowText(again, registry);
    if (!reread.ok) expect.fail(JSON.stringify(reread.problems));
    expect(serializeWorkflow(reread.workflow)).toBe(again);
  });

  it('are bounded: text, sides, count, colour and id are checked', () => {
    const bad = (patch: Record<string, unknown>) => WorkflowSchema.safeParse({ ...base, stickyNotes: [{ ...note, ...patch }] }).success;
    expect(bad({})).toBe(true);
    expect(bad({ text: 'x'.repeat(STICKY_LIMITS.maxText + 1) })).toBe(false);
    expect(bad({ size: { width: STICKY_LIMITS.maxSide + 1, height: 100 } })).toBe(false);
    expect(bad({ size: { width: 100, height: STICKY_LIMITS.minSide - 1 } })).toBe(false);
    expect(bad({ colour: 'magenta' })).toBe(false);
    expect(bad({ id: 'has space' })).toBe(false);
    expect(bad({ position: { x: Number.POSITIVE_INFINITY, y: 0 } })).toBe(false);
    const many = Array.from({ length: STICKY_LIMITS.maxNotes + 1 }, (_, i) => ({ ...note, id: `n${i}` }));
    expect(WorkflowSchema.safeParse({ ...base, stickyNotes: many }).success).toBe(false);
  });

  it('have unique ids (OPR-017, as nodes and edges)', () => {
    const result = validateWorkflow({ ...base, stickyNotes: [note, { ...note, text: 'again' }] }, createBuiltinRegistry());
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toEqual([expect.objectContaining({ code: 'OPR-017', path: 'stickyNotes[1].id' })]);
  });
});
