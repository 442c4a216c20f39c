import { isValueRef } from '../../../src-shared/run-log/value-ref.ts';
import { COMPARE_IDS } from '../../test-ids.ts';
import { ValueView } from '../../kit/value-view.tsx';

/**
 * A compared value. An object with top-level keys that differ in the other run shows key by key, those keys
 * highlighted; anything else shows as in the trace.
 */
export function KeyedValue({ runId, value, differing }: { runId: string; value: unknown; differing: ReadonlySet<string> }) {
  if (differing.size === 0 || typeof value !== 'object' || value === null || Array.isArray(value) || isValueRef(value)) {
    return <ValueView runId={runId} value={value} />;
  }
  return (
    <div className="value-parts">
      {Object.entries(value as Record<string, unknown>).map(([key, part]) => {
        const differs = differing.has(key);
        return (
          <div
            key={key}
            className={differs ? 'value-part compare-key differs' : 'value-part compare-key'}
            data-testid={COMPARE_IDS.key}
            data-key={key}
            data-differs={differs}
          >
            <span className="value-key">{key}</span>
            <ValueView runId={runId} value={part} />
          </div>
        );
      })}
    </div>
  );
}
