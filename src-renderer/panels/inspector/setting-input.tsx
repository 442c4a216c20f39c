import { useId, useState } from 'react';
import { parseSetting, settingPlaceholder, settingText, type SettingField } from '../../editor/forms/settings-fields.ts';
import { useDraft } from '../../kit/use-draft.ts';

interface SettingInputProps {
  setting: SettingField;
  value: unknown;
  /** What applies when the value is empty (the workflow's default): the placeholder, and the choice that clears it. */
  inherited?: unknown;
  testId: string;
  /** undefined clears the setting (the inherited value applies). */
  onChange: (value: unknown) => void;
}

/** One setting: a number in the units shown (seconds for durations), a select, or a checkbox; checked as you type. */
export function SettingInput({ setting, value, inherited, testId, onChange }: SettingInputProps) {
  const id = useId();
  const [error, setError] = useState<string>();
  const draft = useDraft(value, (v) => settingText(setting, v));
  const { field } = setting;
  const shown = value ?? inherited;
  /** Choosing what is inherited anyway clears the setting, so a later change of the default reaches it. */
  const store = (next: unknown) => onChange(inherited !== undefined && Object.is(next, inherited) ? undefined : next);

  if (field.kind === 'toggle') {
    return (
      <div className="field toggle setting-field">
        <label htmlFor={id}>{field.label}</label>
        <input
          id={id}
          type="checkbox"
          data-testid={testId}
          checked={shown === true}
          onChange={(event) => store(event.currentTarget.checked)}
        />
        {field.description !== undefined && <p className="field-help">{field.description}</p>}
      </div>
    );
  }

  let control;
  if (field.kind === 'select') {
    const options = field.options ?? [];
    control = (
      <select
        id={id}
        data-testid={testId}
        value={String(options.findIndex((o) => Object.is(o.value, shown)))}
        onChange={(event) => store(options[Number(event.currentTarget.value)]?.value)}
      >
        {options.findIndex((o) => Object.is(o.value, shown)) < 0 && <option value="-1">Choose…</option>}
        {options.map((option, i) => (
          <option key={String(option.value)} value={String(i)}>
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
        inputMode={field.kind === 'integer' && setting.scale === undefined ? 'numeric' : 'decimal'}
        value={draft.text}
        placeholder={settingPlaceholder(setting, inherited ?? field.default)}
        aria-invalid={error !== undefined}
        onChange={(event) => {
          const text = event.currentTarget.value;
          const check = parseSetting(setting, text);
          if (!check.ok) {
            setError(check.message);
            draft.typed(text, value);
            return;
          }
          setError(undefined);
          draft.typed(text, check.value);
          onChange(check.value);
        }}
      />
    );
  }
  return (
    <div className={field.kind === 'select' ? 'field setting-field wide' : 'field setting-field'}>
      <label htmlFor={id}>{field.label}</label>
      {control}
      {error !== undefined && <p className="field-error">{error}</p>}
      {error === undefined && field.description !== undefined && <p className="field-help">{field.description}</p>}
    </div>
  );
}
