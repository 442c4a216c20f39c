import { useId, useState } from 'react';
import { problemsOfField, validateField, type FieldDescriptor } from '../../editor/forms/index.ts';
import { inspectorFieldId } from '../../test-ids.ts';
import { useDraft } from '../../kit/use-draft.ts';
import { ExpressionField } from './expression-field.tsx';
import { FieldProblemList } from './fields/field-problem-list.tsx';
import { STRUCTURED_KINDS, type FieldProps } from './fields/field-props.ts';
import { ModelChoiceControl } from './fields/model-choice-control.tsx';
import { CronField } from './fields/cron-field.tsx';
import { TimezoneField } from './fields/timezone-field.tsx';
import { WorkflowField } from './fields/workflow-field.tsx';
import { StructuredField } from './fields/structured-field.tsx';

/**
 * One inspector field, chosen by the descriptor's kind: nested shapes go to their structured editors (which render
 * their parts through this again), the rest are plain controls whose typed text is validated as you type and stored
 * only when valid.
 */
export function ConfigField(props: FieldProps) {
  if (STRUCTURED_KINDS.has(props.field.kind)) return <StructuredField {...props} renderField={renderField} />;
  if (props.bare !== true) {
    // Pickers with more to show than one control: the schedule's next times, a searchable zone list, workflows by name.
    if (props.field.kind === 'cron') return <CronField {...props} />;
    if (props.field.kind === 'timezone') return <TimezoneField {...props} />;
    if (props.field.kind === 'workflow') return <WorkflowField {...props} />;
  }
  return <PlainField {...props} />;
}

const renderField = (props: FieldProps) => <ConfigField {...props} />;

function PlainField({
  field,
  value,
  onChange,
  at = field.path,
  problems: allProblems = [],
  testId: givenTestId,
  bare,
  config,
}: FieldProps) {
  const id = useId();
  const [error, setError] = useState<string>();
  const draft = useDraft(value, (v) => toText(field, v));
  const testId = givenTestId ?? inspectorFieldId(at);
  // An expression or template field lists its problems itself, beside its preview.
  const ownProblems = field.kind === 'template' || field.kind === 'expression';
  const problems = ownProblems ? [] : problemsOfField(allProblems, at, true);

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
    case 'provider':
    case 'model':
      control = <ModelChoiceControl id={id} testId={testId} field={field} value={value} onChange={onChange} config={config} />;
      break;
    case 'template':
    case 'expression':
      // Completions, a live preview and the field's design-time problems (listed by ExpressionField itself).
      control = (
        <ExpressionField
          id={id}
          testId={testId}
          kind={field.kind}
          path={at}
          text={draft.text}
          placeholder={placeholder(field)}
          invalid={error !== undefined}
          onText={typed}
        />
      );
      break;
    case 'textarea':
      control = (
        <textarea
          id={id}
          data-testid={testId}
          className={field.kind === 'textarea' ? undefined : 'code'}
          rows={bare === true ? 1 : 3}
          spellCheck={false}
          value={draft.text}
          placeholder={placeholder(field)}
          aria-label={bare === true ? field.label : undefined}
          aria-invalid={error !== undefined || problems.length > 0}
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
          aria-label={bare === true ? field.label : undefined}
          aria-invalid={error !== undefined || problems.length > 0}
          onChange={(event) => typed(event.currentTarget.value)}
        />
      );
  }

  if (bare === true) {
    return (
      <div className="bare-field" title={[error, ...problems.map((p) => p.message)].filter(Boolean).join('; ') || undefined}>
        {control}
        {error !== undefined && <p className="field-error">{error}</p>}
        <FieldProblemList problems={problems} label={field.label} at={at} />
      </div>
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
      <FieldProblemList problems={problems} label={field.label} at={at} />
      {field.description !== undefined && <p className="field-help">{field.description}</p>}
    </div>
  );
}

function toText(_field: FieldDescriptor, value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function placeholder(field: FieldDescriptor): string | undefined {
  if (field.default === undefined) return undefined;
  return typeof field.default === 'string' ? field.default : JSON.stringify(field.default);
}
