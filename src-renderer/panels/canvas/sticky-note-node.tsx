import { NodeResizeControl, type Node, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { STICKY_COLOURS, STICKY_LIMITS, type StickyNote } from '../../../src-shared/workflow/schema.ts';
import { useEditorSession } from '../../session/editor-context.ts';
import { stickyNoteColourId, stickyNoteDeleteId, stickyNoteId, stickyNoteTextId } from '../../test-ids.ts';
import './canvas-ergonomics.css';

export type StickyNoteFlowNode = Node<{ note: StickyNote }, 'sticky'>;

/** A plain-text note on the canvas: drag it by its top bar, resize it from its corner, pick a colour when selected. */
function StickyNoteView({ data, selected }: NodeProps<StickyNoteFlowNode>) {
  const { store } = useEditorSession();
  const { note } = data;
  const actions = store.getState().actions;
  return (
    <div className={`sticky-note sticky-${note.colour}${selected ? ' selected' : ''}`} data-testid={stickyNoteId(note.id)}>
      <NodeResizeControl
        className="sticky-resize"
        position="bottom-right"
        minWidth={STICKY_LIMITS.minSide}
        minHeight={STICKY_LIMITS.minSide}
        maxWidth={STICKY_LIMITS.maxSide}
        maxHeight={STICKY_LIMITS.maxSide}
      />
      <div className="sticky-bar" title="Drag to move">
        {selected &&
          STICKY_COLOURS.map((colour) => (
            <button
              key={colour}
              type="button"
              className={`sticky-swatch sticky-${colour} nodrag`}
              data-testid={stickyNoteColourId(note.id, colour)}
              aria-label={`Colour: ${colour}`}
              aria-pressed={note.colour === colour}
              title={colour}
              onClick={() => actions.updateStickyNote(note.id, { colour })}
            />
          ))}
        {selected && (
          <button
            type="button"
            className="sticky-delete nodrag"
            data-testid={stickyNoteDeleteId(note.id)}
            aria-label="Delete sticky note"
            title="Delete sticky note"
            onClick={() => actions.removeStickyNotes([note.id])}
          >
            ×
          </button>
        )}
      </div>
      <textarea
        className="sticky-text nodrag nowheel"
        data-testid={stickyNoteTextId(note.id)}
        aria-label="Sticky note text"
        placeholder="Write a note…"
        maxLength={STICKY_LIMITS.maxText}
        value={note.text}
        onChange={(event) => actions.updateStickyNote(note.id, { text: event.currentTarget.value })}
      />
    </div>
  );
}

export const StickyNoteNode = memo(StickyNoteView);
