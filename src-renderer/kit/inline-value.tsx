import { useMemo, useState } from 'react';
import { VIEWER_IDS } from '../test-ids.ts';
import { CopyButton } from './copy-button.tsx';
import { truncateText, valueText } from './value-text.ts';

/**
 * A value held in the trace itself: pretty JSON (or `text` as given: a message's content), truncated past a few
 * lines or characters with "Show all", and copied whole.
 */
export function InlineValue({ value, text, limit, lines }: { value?: unknown; text?: string; limit?: number; lines?: number }) {
  const full = useMemo(() => text ?? valueText(value), [text, value]);
  const cut = useMemo(() => truncateText(full, limit, lines), [full, limit, lines]);
  const [all, setAll] = useState(false);
  const showAll = all || !cut.cut;
  return (
    <div className="value">
      <pre className={(showAll && cut.cut) || lines !== undefined ? 'value-text whole' : 'value-text'} data-testid={VIEWER_IDS.valueText}>
        {showAll ? full : `${cut.text}…`}
      </pre>
      <div className="value-actions">
        {!showAll && (
          <button type="button" className="small" data-testid={VIEWER_IDS.valueShowAll} onClick={() => setAll(true)}>
            Show all ({cut.length.toLocaleString('en')} characters)
          </button>
        )}
        <CopyButton text={() => full} />
      </div>
    </div>
  );
}
