import { useReactFlow } from '@xyflow/react';
import { useMemo, useState, type DragEvent } from 'react';
import { PALETTE_MIME, type CatalogueEntry } from '../../editor/catalogue.ts';
import { paletteItemId, TEST_IDS } from '../../test-ids.ts';
import { useEditorSession } from '../../session/editor-context.ts';
import { freeSpot } from '../../editor/free-spot.ts';
import { UNMEASURED_NODE_SIZE } from '../../editor/node-size.ts';
import { useShowToast } from '../../session/workspace-context.ts';
import { NodeIcon } from '../../kit/node-icon.tsx';
import { categoryTone } from '../../kit/category-tone.ts';
import './palette.css';

/**
 * Node types grouped by category, with a search box. Click adds after the selected node (wired), or at the viewport
 * centre; drag onto the canvas adds at the drop point.
 */
export function Palette() {
  const showToast = useShowToast();
  const { catalogue, store } = useEditorSession();
  const { screenToFlowPosition, setCenter, getZoom } = useReactFlow();
  const [query, setQuery] = useState('');

  const groups = useMemo(() => {
    const q = query.trim().toLowerCase();
    const byCategory = new Map<string, CatalogueEntry[]>();
    for (const entry of catalogue.values()) {
      const text = `${entry.title} ${entry.type} ${entry.description} ${entry.category}`.toLowerCase();
      if (q !== '' && !text.includes(q)) continue;
      const list = byCategory.get(entry.category) ?? [];
      list.push(entry);
      byCategory.set(entry.category, list);
    }
    return [...byCategory.entries()].sort(([a], [b]) => a.localeCompare(b));
  }, [catalogue, query]);

  /** After the one selected node (to its right, wired from its first fitting output); else at a free spot in view. */
  const addByClick = (type: string) => {
    const [selected, ...more] = store.getState().selection.nodeIds;
    if (selected === undefined || more.length > 0) return addAtCentre(type);
    const result = store.getState().actions.insertAfter(type, selected);
    if (result.ok) reveal(result.id);
    else showToast(result.reason);
  };

  /** Pans (at the same zoom) to a node placed outside the view, so what a click added is in sight. */
  const reveal = (id: string) => {
    const node = store.getState().graph.nodes.find((candidate) => candidate.id === id);
    const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
    if (node === undefined || pane === undefined) return;
    const width = node.measured?.width ?? UNMEASURED_NODE_SIZE.width;
    const height = node.measured?.height ?? UNMEASURED_NODE_SIZE.height;
    const from = screenToFlowPosition({ x: pane.left, y: pane.top });
    const to = screenToFlowPosition({ x: pane.right, y: pane.bottom });
    const { x, y } = node.position;
    if (x >= from.x && y >= from.y && x + width <= to.x && y + height <= to.y) return;
    void setCenter(x + width / 2, y + height / 2, { zoom: getZoom(), duration: 200 });
  };

  const addAtCentre = (type: string) => {
    const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
    const centre =
      pane === undefined ? { x: 0, y: 0 } : screenToFlowPosition({ x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 });
    const at = freeSpot(store.getState().graph.nodes, {
      x: Math.round(centre.x - UNMEASURED_NODE_SIZE.width / 2),
      y: Math.round(centre.y - 30),
    });
    const result = store.getState().actions.addNode(type, at);
    if (result.ok) store.getState().actions.select({ nodeIds: [result.id] });
    else showToast(result.reason);
  };

  const onDragStart = (event: DragEvent, type: string) => {
    event.dataTransfer.setData(PALETTE_MIME, type);
    event.dataTransfer.effectAllowed = 'copy';
  };

  return (
    <section className="panel palette">
      <h2>Nodes</h2>
      <input
        type="search"
        placeholder="Search nodes"
        aria-label="Search nodes"
        data-testid={TEST_IDS.paletteSearch}
        value={query}
        onChange={(event) => setQuery(event.currentTarget.value)}
      />
      {groups.length === 0 && <p className="muted">No node matches.</p>}
      {groups.map(([category, entries]) => (
        <div key={category} className={`palette-group tone-${categoryTone(category)}`}>
          <h3>{category}</h3>
          <ul>
            {entries.map((entry) => (
              <li key={entry.type}>
                <button
                  type="button"
                  className="list-item palette-item"
                  draggable
                  data-testid={paletteItemId(entry.type)}
                  title={entry.description}
                  onClick={() => addByClick(entry.type)}
                  onDragStart={(event) => onDragStart(event, entry.type)}
                >
                  <span className="node-icon-tile small">
                    <NodeIcon name={entry.icon} size={14} />
                  </span>
                  <span className="palette-item-title">{entry.title}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
