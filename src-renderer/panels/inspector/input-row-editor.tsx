import { useId } from 'react';
import {
  INPUT_TYPE_LABELS,
  INPUT_TYPES,
  parseDefault,
  withType,
  type InputRow,
  type InputType,
} from '../../editor/forms/inputs-schema-rows.ts';
import { RowButtons } from '../../kit/row-buttons.tsx';
import { inputRowId, inputRowPrefix } from '../../test-ids.ts';

/** A row as edited: the row, and its default as typed ("3." while typing 3.5). */
export interface RowDraft {
  row: InputRow;
  defaultText: string;
  defaultError?: string;
  /** The choices as typed ("a, b, " while typing a third). */
  choicesText?: string;
}

interface InputRowEditorProps {
  index: number;
  /** How many rows there are (the last cannot move down). */
  count: number;
  draft: RowDraft;
  nameProblem: string | undefined;
  onChange: (draft: RowDraft) => void;
  /** Moves this row to `to`: the Run form's fields follow the rows' order. */
  onMove: (to: number) => void;
  onRemove: () => void;
}

/**
 * One declared input: name and type, move up, move down and remove, description, default (typed by the input's type),
 * required, choices for text.
 */
export function InputRowEditor({ index, count, draft, nameProblem, onChange, onMove, onRemove }: InputRowEditorProps) {
  const id = useId();
  const { row } = draft;
  const set = (patch: Partial<InputRow>) => onChange({ ...draft, row: { ...row, ...patch } });
  const part = (name: string) => inputRowId(index, name);
  const rowButtons = (
    <RowButtons testId={inputRowPrefix(index)} what={`input ${row.name}`} index={index} count={count} onMove={onMove} onRemove={onRemove} />
  );

  if (row.unsupported !== undefined) {
    return (
      <div className="input-row unsupported" data-testid={part('row')}>
        <div className="input-row-head">
          <strong className="input-row-name">{row.name}</strong>
          {rowButtons}
        </div>
        <p className="field-help">Kept as it is: the builder does not edit {row.unsupported}.</p>
      </div>
    );
  }

  const setDefault = (text: string) => {
    const parsed = parseDefault(row.type, text);
    const next: RowDraft = { row: { ...row }, defaultText: text };
    if (parsed.ok) {
      if (parsed.value === undefined) delete next.row.default;
      else next.row.default = parsed.value;
    } else next.defaultError = parsed.message;
    onChange(next);
  };

  return (
    <div className="input-row" data-testid={part('row')}>
      <div className="input-row-head">
        <input
          id={`${id}-name`}
          aria-label="Input name"
          className="input-row-name"
          data-testid={part('name')}
          value={row.name}
          aria-invalid={nameProblem !== undefined}
          onChange={(event) => set({ name: event.currentTarget.value })}
        />
        <select
          aria-label="Input type"
          data-testid={part('type')}
          value={row.type}
          onChange={(event) => {
            const next = withType(row, event.currentTarget.value as InputType);
            onChange({ row: next, defaultText: next.default === undefined ? '' : String(next.default) });
          }}
        >
          {INPUT_TYPES.map((type) => (
            <option key={type} value={type}>
              {INPUT_TYPE_LABELS[type]}
            </option>
          ))}
        </select>
        {rowButtons}
      </div>
      {nameProblem !== undefined && <p className="field-error">{nameProblem}</p>}
      <input
        aria-label="Description"
        placeholder="Description (shown in the Run form)"
        data-testid={part('description')}
        value={row.description}
        onChange={(event) => set({ description: event.currentTarget.value })}
      />
      <div className="input-row-foot">
        <label className="input-default-label" htmlFor={`${id}-default`}>
          Default
        </label>
        <DefaultControl id={`${id}-default`} draft={draft} testId={part('default')} onText={setDefault} />
        <label className="input-required">
          <input
            type="checkbox"
            data-testid={part('required')}
            checked={row.required}
            onChange={(event) => set({ required: event.currentTarget.checked })}
          />
          Required
        </label>
      </div>
      {draft.defaultError !== undefined && <p className="field-error">{draft.defaultError}</p>}
      {row.type === 'string' && (
        <input
          aria-label="Choices"
          placeholder="Choices: a, b, c (optional)"
          data-testid={part('choices')}
          value={draft.choicesText ?? row.choices.join(', ')}
          onChange={(event) => {
            const choicesText = event.currentTarget.value;
            const choices = choicesText
              .split(',')
              .map((choice) => choice.trim())
              .filter((choice) => choice !== '');
            const next: InputRow = { ...row, choices };
            if (typeof next.default === 'string' && choices.length > 0 && !choices.includes(next.default)) delete next.default;
            onChange({ row: next, choicesText, defaultText: next.default === undefined ? '' : String(next.default) });
          }}
        />
      )}
    </div>
  );
}

function DefaultControl({ id, draft, testId, onText }: { id: string; draft: RowDraft; testId: string; onText: (text: string) => void }) {
  const { row } = draft;
  if (row.type === 'boolean' || row.choices.length > 0) {
    const options = row.type === 'boolean' ? [['true', 'Yes'] as const, ['false', 'No'] as const] : row.choices.map((c) => [c, c] as const);
    return (
      <select id={id} data-testid={testId} value={draft.defaultText} onChange={(event) => onText(event.currentTarget.value)}>
        <option value="">None</option>
        {options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    );
  }
  return (
    <input
      id={id}
      placeholder="optional"
      data-testid={testId}
      inputMode={row.type === 'string' ? undefined : 'decimal'}
      value={draft.defaultText}
      aria-invalid={draft.defaultError !== undefined}
      onChange={(event) => onText(event.currentTarget.value)}
    />
  );
}
