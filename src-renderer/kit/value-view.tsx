import './kit.css';
import { isValueRef } from '../../src-shared/run-log/value-ref.ts';
import { portValueId } from '../test-ids.ts';
import { InlineValue } from './inline-value.tsx';
import { RefValue } from './ref-value.tsx';
import { containsValueRef } from './value-text.ts';

/**
 * Any logged value of run `runId`: inline JSON (truncated when long), a large value fetched on demand, or, for an
 * object or array holding large values, its parts one by one.
 */
export function ValueView({ runId, value }: { runId: string; value: unknown }) {
  if (isValueRef(value)) return <RefValue key={value.$ref} runId={runId} valueRef={value} />;
  if (value !== null && typeof value === 'object' && containsValueRef(value)) {
    return (
      <div className="value-parts">
        {Object.entries(value as Record<string, unknown>).map(([key, part]) => (
          <div key={key} className="value-part">
            <span className="value-key">{Array.isArray(value) ? `[${key}]` : key}</span>
            <ValueView runId={runId} value={part} />
          </div>
        ))}
      </div>
    );
  }
  return <InlineValue value={value} />;
}

/** A node's inputs or outputs: one value per port (`port-value-<port>`). */
export function PortValues({ runId, values, testId }: { runId: string; values: Record<string, unknown> | undefined; testId?: string }) {
  const entries = Object.entries(values ?? {});
  return (
    <div className="port-values" data-testid={testId}>
      {values === undefined && <p className="muted">None.</p>}
      {values !== undefined && entries.length === 0 && <p className="muted">No ports.</p>}
      {entries.map(([port, value]) => (
        <div key={port} className="port-value" data-testid={portValueId(port)}>
          <span className="port-name">{port}</span>
          <ValueView runId={runId} value={value} />
        </div>
      ))}
    </div>
  );
}
