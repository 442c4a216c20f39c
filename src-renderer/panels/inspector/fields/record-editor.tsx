import { Plus, X } from 'lucide-react';
import { useState } from 'react';
import { defaultValue } from '../../../editor/forms/index.ts';
import { asObject, type FieldProps, type RenderField } from './field-props.ts';

interface Row {
  key: string;
  value: unknown;
}

/**
 * An open record (HTTP headers, query parameters) as a key-value table. Rows being typed may have an empty or repeated
 * key: those are kept on screen and left out of the stored value until they are unique. Row i's cells are
 * `<field id>.<i>-key` and `<field id>.<i>-value`, its remove button `<field id>.<i>-remove`; the add button `<field id>-add`.
 */
export function RecordEditor(props: FieldProps & { at: (string | number)[]; testId: string; renderField: RenderField }) {
  const { field, value, onChange, at, testId, renderField } = props;
  const object = asObject(value);
  const [state, setState] = useState<Row[]>(() => rowsOf(object));
  let rows = state;
  if (!sameRecord(recordOf(rows), object)) {
    rows = rowsOf(object);
    setState(rows);
  }
  const item = field.item;
  if (item === undefined) return null;
  const update = (next: Row[]) => {
    setState(next);
    onChange(recordOf(next));
  };
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.key, (counts.get(row.key) ?? 0) + 1);
  const keyLabel = field.label === 'Headers' ? 'Header' : 'Name';
  return (
    <div className="record-editor">
      {rows.length > 0 && (
        <div className="record-row record-head muted" aria-hidden>
          <span>{keyLabel}</span>
          <span>Value</span>
        </div>
      )}
      {rows.map((row, index) => {
        const problem =
          row.key.trim() === '' ? 'give it a name' : (counts.get(row.key) ?? 0) > 1 ? `"${row.key}" is used twice` : undefined;
        return (
          <div key={index} className="record-row">
            <input
              aria-label={`${keyLabel} ${index + 1}`}
              data-testid={`${testId}.${index}-key`}
              value={row.key}
              placeholder={keyLabel}
              title={problem}
              aria-invalid={problem !== undefined && row.key !== ''}
              onChange={(event) => update(rows.map((r, i) => (i === index ? { ...r, key: event.currentTarget.value } : r)))}
            />
            {renderField({
              field: { ...item, label: row.key === '' ? `Value ${index + 1}` : row.key, default: undefined },
              value: row.value,
              onChange: (next) => update(rows.map((r, i) => (i === index ? { ...r, value: next } : r))),
              at: [...at, row.key],
              testId: `${testId}.${index}-value`,
              bare: true,
              config: props.config,
            })}
            <button
              type="button"
              className="icon-button danger"
              aria-label={`Remove ${row.key === '' ? `row ${index + 1}` : row.key}`}
              data-testid={`${testId}.${index}-remove`}
              onClick={() => update(rows.filter((_, i) => i !== index))}
            >
              <X size={14} aria-hidden />
            </button>
          </div>
        );
      })}
      <button
        type="button"
        className="small add-row"
        data-testid={`${testId}-add`}
        onClick={() => update([...rows, { key: '', value: defaultValue(item) }])}
      >
        <Plus size={12} aria-hidden /> Add {keyLabel.toLowerCase()}
      </button>
    </div>
  );
}

function rowsOf(object: Record<string, unknown>): Row[] {
  return Object.entries(object).map(([key, value]) => ({ key, value }));
}

/** The stored record: rows with a name, the first of each name. */
function recordOf(rows: readonly Row[]): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const row of rows) if (row.key.trim() !== '' && !Object.hasOwn(record, row.key)) record[row.key] = row.value;
  return record;
}

function sameRecord(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
