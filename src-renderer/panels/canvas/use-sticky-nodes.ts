import type { NodeChange } from '@xyflow/react';
import { useCallback, useMemo, useState } from 'react';
import { stickyIdOf, stickyNodeId } from '../../editor/sticky-notes.ts';
import { useEditor, useEditorSession } from '../../session/editor-context.ts';
import type { StickyNoteFlowNode } from './sticky-note-node.tsx';

/**
 * The workflow's sticky notes as React Flow nodes (ids `sticky:<id>`), and a change handler that takes theirs out of
 * React Flow's changes: moves and resizes go to the editor store (undoable), selection stays here (it is not an edit).
 * Returns the changes that are not a note's.
 */
export function useStickyNodes() {
  const { store } = useEditorSession();
  const notes = useEditor((s) => s.graph.meta.stickyNotes);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());

  const stickyNodes = useMemo(
    (): StickyNoteFlowNode[] =>
      (notes ?? []).map((note) => ({
        id: stickyNodeId(note.id),
        type: 'sticky',
        position: note.position,
        width: note.size.width,
        height: note.size.height,
        data: { note },
        selected: selected.has(note.id),
      })),
    [notes, selected],
  );

  const takeStickyChanges = useCallback(
    <C extends NodeChange>(changes: C[]): C[] => {
      const rest: C[] = [];
      const mine: NodeChange[] = [];
      for (const change of changes) {
        const id = 'id' in change ? stickyIdOf(change.id) : undefined;
        if (id === undefined) rest.push(change);
        else if (change.type === 'select') {
          setSelected((now) => {
            if (now.has(id) === change.selected) return now;
            const next = new Set(now);
            if (change.selected) next.add(id);
            else next.delete(id);
            return next;
          });
        } else mine.push(change);
      }
      if (mine.length > 0) store.getState().actions.onStickyChanges(mine);
      return rest;
    },
    [store],
  );

  return { stickyNodes, takeStickyChanges, selectSticky: (id: string) => setSelected(new Set([id])) };
}
