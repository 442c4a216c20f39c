import type { Connection, NodeChange, XYPosition } from '@xyflow/react';
import type { ConnectResult } from '../connection-rules.ts';
import type { StickyPatch } from '../sticky-notes.ts';
import type { WireEnd } from '../wire-choices.ts';
import type { CommandResult } from './editor-state.ts';

/** The canvas's own edits (wires dropped on the pane, "+" on a port, inserting after a node, sticky notes): each one undo step. */
export interface CanvasEditActions {
  /** Draws an edge; an edge already on its input is replaced, in the same undo step. */
  connectReplacing: (connection: Connection) => ConnectResult;
  /** Adds a node of `type` at `position` wired to `wire` through the new node's `port`, as one undo step; selects it. */
  addConnectedNode: (type: string, position: XYPosition, wire: WireEnd, port: string) => CommandResult<{ id: string }>;
  /**
   * Adds a node after `afterId` (to its right, clear of others), wired from its first output that fits one of the new
   * node's inputs (none when nothing fits); selects it.
   */
  insertAfter: (type: string, afterId: string) => CommandResult<{ id: string; connected: boolean }>;
  addStickyNote: (position: XYPosition) => CommandResult<{ id: string }>;
  /** Changes a note's text, colour, position or size; typing in one note is one undo step. */
  updateStickyNote: (id: string, patch: StickyPatch) => CommandResult;
  removeStickyNotes: (ids: readonly string[]) => void;
  /** React Flow's changes to sticky notes (ids `sticky:<id>`): a drag or a resize is one undo step when it ends. */
  onStickyChanges: (changes: readonly NodeChange[]) => void;
}
