import { Braces, ListTree } from 'lucide-react';
import { jsonToggleId } from '../test-ids.ts';

/** Switches a structured field between its form and its JSON text. */
export function JsonToggle({ testId, json, onToggle }: { testId: string; json: boolean; onToggle: () => void }) {
  return (
    <button
      type="button"
      className="json-toggle small"
      data-testid={jsonToggleId(testId)}
      aria-pressed={json}
      title={json ? 'Back to the form' : 'Edit this value as JSON'}
      onClick={onToggle}
    >
      {json ? <ListTree size={12} aria-hidden /> : <Braces size={12} aria-hidden />}
      {json ? 'Edit as form' : 'Edit as JSON'}
    </button>
  );
}
