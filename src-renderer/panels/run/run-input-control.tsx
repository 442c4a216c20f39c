import { useId, useState } from 'react';
import { parseJson, validateField } from '../../editor/forms/index.ts';
import type { RunInputField } from '../../editor/forms/run-input-fields.ts';
import { useDraft } from '../../kit/use-draft.ts';
import { runInputId } from '../../test-ids.ts';

interface RunInputControlProps {
  input: RunInputField;
  value: unknown;
  /** Required, left empty, and already touched: say so. */
  missing: boolean;
  /** undefined: the input is left out (its default applies on the server). */
  onChange: (value: unknown) => void;
}

/** One declared run input: text, a number, a choice or yes/no (a structured input, rare, as JSON in its own box). */
export function RunInputControl({ input, value, missing, onChange }: RunInputControlProps) {
  const id = useId();
  const { field } = input;
  const [error, setError] = useState<string>();
  const draft = useDraft(value, (v) => (v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v, null, input.json ? 2 : 0)));
  const testId = runInputId(input.name);

  const typed = (text: string) => {
    const check = input.json
      ? text.trim() === ''
        ? { ok: true as const, value: undefined }
        : parseJson(text)
      : validateField({ ...field, required: false }, text);
    if (!check.ok) {
      setError(check.message);
      draft.typed(text, value);
      return;
    }
    setError(undefined);
    // Text is kept as typed (spaces included); an emptied field leaves the input out.
    const next = field.kind === 'text' && text !== '' ? text : check.value;
    draft.typed(text, next);
    onChange(next);
  };

  let control;
  if (field.kind === 'toggle') {
    control = (
      <input
        id={id}
        type="checkbox"
        data-testid={testId}
        checked={value === true}
        onChange={(event) => onChange(event.currentTarget.checked)}
      />
    );
  } else if (field.kind === 'select') {
    const options = field.options ?? [];
    control = (
      <select
        id={id}
        data-testid={testId}
        value={typeof value === 'string' ? value : ''}
        onChange={(event) => onChange(event.currentTarget.value === '' ? undefined : event.currentTarget.value)}
      >
        <option value="">{field.required ? 'Choose…' : 'Not set'}</option>
        {options.map((option) => (
          <option key={String(option.value)} value={String(option.value)}>
            {option.label}
          </option>
        ))}
      </select>
    );
  } else if (input.json) {
    control = (
      <textarea
        id={id}
        className="code"
        rows={3}
        spellCheck={false}
        data-testid={testId}
        value={draft.text}
        aria-invalid={error !== undefined}
        onChange={(event) => typed(event.currentTarget.value)}
      />
    );
  } else {
    control = (
      <input
        id={id}
        data-testid={testId}
        inputMode={field.kind === 'number' ? 'decimal' : field.kind === 'integer' ? 'numeric' : undefined}
        value={draft.text}
        placeholder={typeof field.default === 'string' || typeof field.default === 'number' ? String(field.default) : undefined}
        aria-invalid={error !== undefined || missing}
        aria-required={field.required}
        onChange={(event) => typed(event.currentTarget.value)}
      />
    );
  }

  return (
    <div className={field.kind === 'toggle' ? 'field toggle run-input' : 'field run-input'}>
      <label htmlFor={id}>
        {field.label}
        {field.required && (
          <span className="required-mark" title="Required">
            {' '}
            *
          </span>
        )}
      </label>
      {control}
      {error !== undefined && <p className="field-error">{error}</p>}
      {error === undefined && missing && <p className="field-error">{field.label} is required</p>}
      {field.description !== undefined && <p className="field-help">{field.description}</p>}
    </div>
  );
}
