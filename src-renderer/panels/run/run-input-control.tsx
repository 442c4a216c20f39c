import { useId, useState } from 'react';
import { emptyValueOf, validateField } from '../../editor/forms/index.ts';
import type { RunInputField } from '../../editor/forms/run-input-fields.ts';
import { useDraft } from '../../kit/use-draft.ts';
import { ValueField } from '../../kit/value-field.tsx';
import { runInputId } from '../../test-ids.ts';

interface RunInputControlProps {
  input: RunInputField;
  value: unknown;
  /** Required, left empty, and already touched: say so. */
  missing: boolean;
  /** undefined: the input is left out (its default applies on the server). */
  onChange: (value: unknown) => void;
}

/**
 * One declared run input: text, a number, a choice or yes/no; a list or an object with the value editor, shaped by its
 * schema (its items' type, its properties), with "Edit as JSON" beside it.
 */
export function RunInputControl(props: RunInputControlProps) {
  return props.input.json ? <StructuredInput {...props} /> : <SimpleInput {...props} />;
}

function SimpleInput({ input, value, missing, onChange }: RunInputControlProps) {
  const id = useId();
  const { field } = input;
  const [error, setError] = useState<string>();
  const draft = useDraft(value, (v) => (v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v)));
  const testId = runInputId(input.name);

  const typed = (text: string) => {
    const check = validateField({ ...field, required: false }, text);
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
        <InputLabel input={input} />
      </label>
      {control}
      {error !== undefined && <p className="field-error">{error}</p>}
      <InputFoot input={input} missing={error === undefined && missing} />
    </div>
  );
}

/** A list or an object: the value editor shaped by its schema, or its JSON (where a value of any shape starts). */
function StructuredInput({ input, value, missing, onChange }: RunInputControlProps) {
  const shape = input.shape;
  return (
    <div className="run-input run-input-structured">
      <ValueField
        label={<InputLabel input={input} />}
        name={input.field.label}
        testId={runInputId(input.name)}
        value={value ?? emptyValueOf(shape)}
        shape={shape}
        startAsJson={shape === undefined}
        rows={4}
        onChange={onChange}
      />
      <InputFoot input={input} missing={missing} />
    </div>
  );
}

function InputLabel({ input }: { input: RunInputField }) {
  return (
    <>
      {input.field.label}
      {input.field.required && (
        <span className="required-mark" title="Required">
          {' '}
          *
        </span>
      )}
    </>
  );
}

function InputFoot({ input, missing }: { input: RunInputField; missing: boolean }) {
  return (
    <>
      {missing && <p className="field-error">{input.field.label} is required</p>}
      {input.field.description !== undefined && <p className="field-help">{input.field.description}</p>}
    </>
  );
}
