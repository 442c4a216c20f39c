import { convertValue, kindOf, VALUE_KIND_LABELS, VALUE_KINDS, type ValueKind } from '../editor/forms/index.ts';
import { useDraft } from './use-draft.ts';

/** What every control of the value editor takes: its value, where a change goes, its test id and accessible name. */
export interface ValueInputProps<V = unknown> {
  value: V;
  onChange: (value: unknown) => void;
  testId: string;
  name: string;
}

/** A number typed as text: stored once it is a number (a whole one when `integer`), kept as typed until then. */
export function NumberInput({ value, onChange, testId, name, integer = false }: ValueInputProps<number> & { integer?: boolean }) {
  const draft = useDraft(value, String);
  const usable = (text: string) => {
    const number = Number(text.trim());
    return text.trim() !== '' && Number.isFinite(number) && (!integer || Number.isInteger(number));
  };
  return (
    <input
      aria-label={name}
      data-testid={testId}
      inputMode={integer ? 'numeric' : 'decimal'}
      value={draft.text}
      aria-invalid={!usable(draft.text)}
      onChange={(event) => {
        const text = event.currentTarget.value;
        if (usable(text)) {
          draft.typed(text, Number(text.trim()));
          onChange(Number(text.trim()));
        } else draft.typed(text, value);
      }}
    />
  );
}

/** Text from a fixed list of choices. */
export function ChoiceInput({ value, onChange, testId, name, choices }: ValueInputProps<string> & { choices: readonly string[] }) {
  return (
    <select aria-label={name} data-testid={testId} value={value} onChange={(event) => onChange(event.currentTarget.value)}>
      {!choices.includes(value) && <option value={value}>{value === '' ? 'Choose…' : value}</option>}
      {choices.map((choice) => (
        <option key={choice} value={choice}>
          {choice}
        </option>
      ))}
    </select>
  );
}

/** The kind of a value of any shape (text, number, yes/no, object, list, empty): changing it converts the value. */
export function TypePicker({ value, onChange, testId, name }: ValueInputProps) {
  return (
    <select
      className="value-type"
      aria-label={`Type of ${name}`}
      data-testid={`${testId}-type`}
      value={kindOf(value)}
      onChange={(event) => onChange(convertValue(value, event.currentTarget.value as ValueKind))}
    >
      {VALUE_KINDS.map((kind) => (
        <option key={kind} value={kind}>
          {VALUE_KIND_LABELS[kind]}
        </option>
      ))}
    </select>
  );
}

/** An object's key, renamed as typed once it is neither empty nor another key's. */
export function KeyInput({
  keyName,
  testId,
  taken,
  onRename,
}: {
  keyName: string;
  testId: string;
  taken: (key: string) => boolean;
  onRename: (key: string) => void;
}) {
  const draft = useDraft(keyName, (key: string) => key);
  const problem = draft.text === '' ? 'a key is needed' : taken(draft.text) ? `"${draft.text}" is used twice` : undefined;
  return (
    <input
      className="value-key-input"
      aria-label="Key"
      title={problem}
      data-testid={testId}
      value={draft.text}
      aria-invalid={problem !== undefined}
      onChange={(event) => {
        const text = event.currentTarget.value;
        const ok = text !== '' && !taken(text);
        draft.typed(text, ok ? text : keyName);
        if (ok) onRename(text);
      }}
    />
  );
}
