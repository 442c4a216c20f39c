import { describe, expect, it } from 'vitest';
import { STICKY_LIMITS, WorkflowSchema } from '../../src-shared/workflow/schema.ts';
import type { WorkflowMeta } from './graph-conversion.ts';
import { addSticky, newStickyNote, removeStickies, stickyIdOf, stickyNodeId, updateSticky } from './sticky-notes.ts';

const meta: WorkflowMeta = WorkflowSchema.omit({ nodes: true, edges: true }).parse({ schemaVersion: 1, id: 'w', name: 'W' });

describe('sticky notes in the document', () => {
  it('adds notes with fresh ids, changes them, and drops the field with the last one', () => {
    const first = newStickyNote([], { x: 10.4, y: 20.6 });
    expect(first).toEqual({ id: 'note-1', text: '', position: { x: 10, y: 21 }, size: { width: 240, height: 160 }, colour: 'yellow' });
    const one = addSticky(meta, first);
    const two = addSticky(one, newStickyNote(one.stickyNotes ?? [], { x: 0, y: 0 }, 'blue'));
    expect(two.stickyNotes?.map((note) => [note.id, note.colour])).toEqual([
      ['note-1', 'yellow'],
      ['note-2', 'blue'],
    ]);
    const edited = updateSticky(two, 'note-2', { text: 'Ask legal', size: { width: 10, height: 99_999 } });
    expect(edited.stickyNotes?.[1]).toMatchObject({
      text: 'Ask legal',
      size: { width: STICKY_LIMITS.minSide, height: STICKY_LIMITS.maxSide },
    });
    expect(updateSticky(edited, 'note-2', { text: 'Ask legal' })).toBe(edited);
    expect(updateSticky(edited, 'missing', { text: 'x' })).toBe(edited);
    const fewer = removeStickies(edited, new Set(['note-1']));
    expect(fewer.stickyNotes?.map((note) => note.id)).toEqual(['note-2']);
    expect('stickyNotes' in removeStickies(fewer, new Set(['note-2']))).toBe(false);
  });

  it('stops at the limit of notes', () => {
    let full = meta;
    for (let i = 0; i < STICKY_LIMITS.maxNotes; i++) full = addSticky(full, { ...newStickyNote([], { x: 0, y: 0 }), id: `n${i}` });
    expect(addSticky(full, newStickyNote([], { x: 0, y: 0 }))).toBe(full);
  });

  it('names canvas nodes apart from workflow nodes', () => {
    expect(stickyIdOf(stickyNodeId('note-3'))).toBe('note-3');
    expect(stickyIdOf('transform-1')).toBeUndefined();
  });
});
