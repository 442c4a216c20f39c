import type { ReactNode } from 'react';

export interface JsonFieldProps {
  id: string;
  label: ReactNode;
  testId: string;
  value: string;
  /** Why the text is not usable (invalid JSON, not an object…); shown under the field. */
  error: string | undefined;
  onChange: (text: string) => void;
  rows?: number;
}

/** A labelled textarea for JSON typed by a person, with its problem under it: run inputs, held inputs, pinned outputs. */
export function JsonField({ id, label, testId, value, error, onChange, rows = 4 }: JsonFieldProps) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        className="code"
        rows={rows}
        spellCheck={false}
        data-testid={testId}
        data-json-textarea="true"
        value={value}
        aria-invalid={error !== undefined}
        onChange={(event) => onChange(event.currentTarget.value)}
      />
      {error !== undefined && <p className="field-error">{error}</p>}
    </>
  );
}
