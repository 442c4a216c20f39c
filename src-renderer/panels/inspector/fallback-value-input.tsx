import { useId, useState } from 'react';
import { useDraft } from '../../kit/use-draft.ts';
import { SETTINGS_IDS } from '../../test-ids.ts';

/** The kinds of simple value the fallback editor offers; `other` is a value set elsewhere (an object, a list), kept. */
type FallbackKind = 'empty' | 'text' | 'number' | 'boolean' | 'other';

const KIND_LABELS: Record<Exclude<FallbackKind, 'other'>, string> = {
  empty: 'Empty (null)',
  text: 'Text',
  number: 'Number',
  boolean: 'Yes / no',
};

function kindOf(value: unknown): FallbackKind {
  if (value === undefined || value === null) return 'empty';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  return 'other';
}

const START: Record<Exclude<FallbackKind, 'other'>, unknown> = { empty: null, text: '', number: 0, boolean: false };

/**
 * The value a node outputs on every port when it fails with "continue": empty, text, a number or yes/no, with no JSON
 * to type. Deliberately small: the kit's value editor can replace it (same props: value and onChange).
 */
export function FallbackValueInput({ value, onChange }: { value: unknown; onChange: (value: unknown) => void }) {
  const id = useId();
  const kind = kindOf(value);
  const numberText = useDraft(value, (v) => (typeof v === 'number' ? String(v) : ''));
  const [error, setError] = useState<string>();

  return (
    <div className="field fallback-value">
      <label htmlFor={id}>Fallback value</label>
      <div className="fallback-row">
        <select
          aria-label="Fallback value type"
          data-testid={SETTINGS_IDS.fallbackKind}
          value={kind}
          onChange={(event) => {
            const next = event.currentTarget.value as FallbackKind;
            if (next === 'other') return;
            setError(undefined);
            onChange(START[next]);
          }}
        >
          {Object.entries(KIND_LABELS).map(([k, label]) => (
            <option key={k} value={k}>
              {label}
            </option>
          ))}
          {kind === 'other' && <option value="other">Structured value (kept)</option>}
        </select>
        {kind === 'text' && (
          <input
            id={id}
            data-testid={SETTINGS_IDS.fallbackValue}
            value={value as string}
            placeholder="Text every output gets"
            onChange={(event) => onChange(event.currentTarget.value)}
          />
        )}
        {kind === 'number' && (
          <input
            id={id}
            data-testid={SETTINGS_IDS.fallbackValue}
            inputMode="decimal"
            value={numberText.text}
            aria-invalid={error !== undefined}
            onChange={(event) => {
              const text = event.currentTarget.value;
              const number = Number(text.trim());
              if (text.trim() === '' || !Number.isFinite(number)) {
                setError('enter a number');
                numberText.typed(text, value);
              } else {
                setError(undefined);
                numberText.typed(text, number);
                onChange(number);
              }
            }}
          />
        )}
        {kind === 'boolean' && (
          <select
            id={id}
            data-testid={SETTINGS_IDS.fallbackValue}
            value={String(value)}
            onChange={(event) => onChange(event.currentTarget.value === 'true')}
          >
            <option value="true">Yes</option>
            <option value="false">No</option>
          </select>
        )}
      </div>
      {kind === 'other' && <pre className="fallback-structured">{JSON.stringify(value, null, 2)}</pre>}
      {error !== undefined && <p className="field-error">{error}</p>}
      <p className="field-help">Every output port gets this value when the node fails.</p>
    </div>
  );
}
