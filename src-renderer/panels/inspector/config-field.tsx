import { useId, useState } from 'react';
import { validateField, type FieldDescriptor } from '../../editor/forms/index.ts';
import { inspectorFieldId } from '../../test-ids.ts';
import { useDraft } from '../../kit/use-draft.ts';
import { ExpressionField } from './expression-field.tsx';

interface ConfigFieldProps {
  field: FieldDescriptor;
  value: unknown;
  onChange: (value: unknown) => void;
}

/** One inspector field, chosen by the descriptor's kind; typed text is validated as you type and stored only when valid. */
export function ConfigField({ field, value, onChange }: ConfigFieldProps) {
  const id = useId();
  const [error, setError] = useState<string>();
  const draft = useDraft(value, (v) => toText(field, v));
  const testId = inspectorFieldId(field.path);

  const typed = (text: string) => {
    const check = validateField(field, text);
    if (check.ok) {
      setError(undefined);
      draft.typed(text, check.value);
      onChange(check.value);
    } else {
      setError(check.message);
      draft.typed(text, value);
    }
  };

  let control;
  switch (field.kind) {
    case 'toggle':
      control = (
        <input
          id={id}
          type="checkbox"
          data-testid={testId}
          checked={typeof value === 'boolean' ? value : field.default === true}
          onChange={(event) => onChange(event.currentTarget.checked)}
        />
      );
      break;
    case 'select': {
      const options = field.options ?? [];
      const shown = value === undefined ? field.default : value;
      const index = options.findIndex((o) => Object.is(o.value, shown));
      control = (
        <select
          id={id}
          data-testid={testId}
          value={index < 0 ? '' : String(index)}
          onChange={(event) => {
            const option = options[Number(event.currentTarget.value)];
            onChange(event.currentTarget.value === '' || option === undefined ? undefined : option.value);
          }}
        >
          {(index < 0 || (!field.required && field.default === undefined)) && <option value="">Not set</option>}
          {options.map((option, i) => (
            <option key={String(option.value)} value={String(i)}>
              {option.label}
            </option>
          ))}
        </select>
      );
      break;
    }
    case 'template':
    case 'expression':
      control = (
        <ExpressionField
          id={id}
          testId={testId}
          kind={field.kind}
          path={field.path}
          text={draft.text}
          placeholder={placeholder(field)}
          invalid={error !== undefined}
          onText={typed}
        />
      );
      break;
    case 'textarea':
    case 'json':
    case 'list':
    case 'object':
      control = (
        <textarea
          id={id}
          data-testid={testId}
          className={field.kind === 'textarea' ? undefined : 'code'}
          rows={isJsonKind(field) ? 5 : 3}
          spellCheck={false}
          value={draft.text}
          placeholder={placeholder(field)}
          aria-invalid={error !== undefined}
          onChange={(event) => typed(event.currentTarget.value)}
        />
      );
      break;
    default:
      control = (
        <input
          id={id}
          data-testid={testId}
          type={field.kind === 'secret' ? 'password' : 'text'}
          inputMode={field.kind === 'number' ? 'decimal' : field.kind === 'integer' ? 'numeric' : undefined}
          value={draft.text}
          placeholder={placeholder(field)}
          aria-invalid={error !== undefined}
          onChange={(event) => typed(event.currentTarget.value)}
        />
      );
  }

  return (
    <div className={field.kind === 'toggle' ? 'field toggle' : 'field'}>
      <label htmlFor={id}>
        {field.label}
        {field.required && field.default === undefined && <span className="required-mark"> *</span>}
      </label>
      {control}
      {error !== undefined && <p className="field-error">{error}</p>}
      {field.description !== undefined && <p className="field-help">{field.description}</p>}
    </div>
  );
}

function isJsonKind(field: FieldDescriptor): boolean {
  return field.kind === 'json' || field.kind === 'list' || field.kind === 'object';
}

function toText(field: FieldDescriptor, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (isJsonKind(field)) return JSON.stringify(value, null, 2);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function placeholder(field: FieldDescriptor): string | undefined {
  if (field.default === undefined) return undefined;
  return typeof field.default === 'string' ? field.default : JSON.stringify(field.default);
}
