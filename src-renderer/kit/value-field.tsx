import { useState, type ReactNode } from 'react';
import type { ValueShape } from '../editor/forms/index.ts';
import { JsonText } from './json-text.tsx';
import { JsonToggle } from './json-toggle.tsx';
import { ValueEditor } from './value-editor.tsx';

export interface ValueFieldProps {
  label: ReactNode;
  /** What the value is called for screen readers. */
  name: string;
  /** The JSON text's test id; the form's is `<testId>-form` (see ValueEditor), the switch's `<testId>-json-toggle`. */
  testId: string;
  value: unknown;
  onChange: (value: unknown) => void;
  /** Why a value is not usable here (not an object…). */
  check?: (value: unknown) => string | undefined;
  /** Told whether the JSON text, when shown, is usable (undefined) or why not. */
  onProblem?: (problem: string | undefined) => void;
  rows?: number;
  /** What a schema says of the value (see ValueEditor). */
  shape?: ValueShape;
  /** Start on the JSON text (a value the form cannot show well); the switch still leads to the form. */
  startAsJson?: boolean;
}

/** A value of any shape, edited with the value editor or, on request, as JSON: pinned outputs, held inputs, approval edits. */
export function ValueField({ label, name, testId, value, onChange, check, onProblem, rows, shape, startAsJson = false }: ValueFieldProps) {
  const [json, setJson] = useState(startAsJson);
  return (
    <div className="field structured-field">
      <div className="field-head">
        <span className="field-label">{label}</span>
        <JsonToggle
          testId={testId}
          json={json}
          onToggle={() => {
            setJson(!json);
            onProblem?.(undefined);
          }}
        />
      </div>
      {json ? (
        <JsonText testId={testId} label={name} value={value} onChange={onChange} check={check} rows={rows} onProblem={onProblem} />
      ) : (
        <ValueEditor value={value} onChange={onChange} testId={`${testId}-form`} label={name} shape={shape} />
      )}
    </div>
  );
}
