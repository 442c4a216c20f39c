import type { XYPosition } from '@xyflow/react';
import { STICKY_LIMITS, type StickyColour, type StickyNote } from '../../src-shared/workflow/schema.ts';
import { freshId } from './ids.ts';
import type { WorkflowMeta } from './graph-conversion.ts';

/** A new note's size. */
export const STICKY_DEFAULT_SIZE = { width: 240, height: 160 } as const;
/** React Flow ids of sticky notes: `sticky:<id>` (":" never appears in a node id, so the two cannot clash). */
export const STICKY_NODE_PREFIX = 'sticky:';

export const stickyNodeId = (id: string) => `${STICKY_NODE_PREFIX}${id}`;
export const stickyIdOf = (nodeId: string): string | undefined =>
  nodeId.startsWith(STICKY_NODE_PREFIX) ? nodeId.slice(STICKY_NODE_PREFIX.length) : undefined;

export type StickyPatch = Partial<Omit<StickyNote, 'id'>>;

/** A new empty note at `position` with a fresh id `note-N`. */
export function newStickyNote(existing: readonly StickyNote[], position: XYPosition, colour: StickyColour = 'yellow'): StickyNote {
  const id = freshId('note', new Set(existing.map((note) => note.id)));
  return { id, text: '', position: { x: Math.round(position.x), y: Math.round(position.y) }, size: { ...STICKY_DEFAULT_SIZE }, colour };
}

/** A size within the schema's bounds (a resize past them stops at them instead of making the file invalid). */
export function boundedSize(size: { width: number; height: number }): { width: number; height: number } {
  const clamp = (value: number) => Math.min(STICKY_LIMITS.maxSide, Math.max(STICKY_LIMITS.minSide, Math.round(value)));
  return { width: clamp(size.width), height: clamp(size.height) };
}

/** The meta with `note` added; the same meta when the limit of notes is reached. */
export function addSticky(meta: WorkflowMeta, note: StickyNote): WorkflowMeta {
  const notes = meta.stickyNotes ?? [];
  if (notes.length >= STICKY_LIMITS.maxNotes) return meta;
  return { ...meta, stickyNotes: [...notes, note] };
}

/** The meta with one note changed (text cut to the limit, size bounded); the same meta when nothing changes. */
export function updateSticky(meta: WorkflowMeta, id: string, patch: StickyPatch): WorkflowMeta {
  const notes = meta.stickyNotes ?? [];
  const index = notes.findIndex((note) => note.id === id);
  const note = notes[index];
  if (note === undefined) return meta;
  const next: StickyNote = {
    ...note,
    ...patch,
    ...(patch.text === undefined ? {} : { text: patch.text.slice(0, STICKY_LIMITS.maxText) }),
    ...(patch.size === undefined ? {} : { size: boundedSize(patch.size) }),
  };
  if (JSON.stringify(next) === JSON.stringify(note)) return meta;
  const stickyNotes = notes.slice();
  stickyNotes[index] = next;
  return { ...meta, stickyNotes };
}

/** The meta without these notes; no `stickyNotes` field once the last one goes (files without notes stay as they were). */
export function removeStickies(meta: WorkflowMeta, ids: ReadonlySet<string>): WorkflowMeta {
  const notes = meta.stickyNotes ?? [];
  const kept = notes.filter((note) => !ids.has(note.id));
  if (kept.length === notes.length) return meta;
  const { stickyNotes: _old, ...rest } = meta;
  return kept.length === 0 ? rest : { ...rest, stickyNotes: kept };
}
