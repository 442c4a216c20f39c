import { Plus, X } from 'lucide-react';
import type { ReactNode } from 'react';
import {
  moveItem,
  newRow,
  removeItem,
  SCHEMA_TYPE_LABELS,
  SCHEMA_TYPES,
  withType,
  type SchemaRow,
  type SchemaType,
} from '../../../editor/forms/index.ts';
import { RowButtons } from '../../../kit/row-buttons.tsx';

interface RowProps {
  row: SchemaRow;
  onChange: (row: SchemaRow) => void;
  testId: string;
  /** Move and remove (a list's item row has none). */
  buttons?: ReactNode;
}

/** One field of the schema: name, type, required and description; then its values, fields or item. */
export function SchemaRowEditor({ row, onChange, testId, buttons }: RowProps) {
  const isItem = buttons === undefined;
  return (
    <div className={`schema-row type-${row.type}`} data-testid={testId}>
      <div className="schema-row-line">
        {isItem ? (
          <span className="schema-item-label muted">Each item</span>
        ) : (
          <input
            className="schema-name"
            aria-label="Field name"
            placeholder="name"
            data-testid={`${testId}-name`}
            value={row.name}
            aria-invalid={row.name.trim() === ''}
            onChange={(event) => onChange({ ...row, name: event.currentTarget.value })}
          />
        )}
        <select
          className="schema-type"
          aria-label={isItem ? 'Item type' : `Type of ${row.name || 'the field'}`}
          data-testid={`${testId}-type`}
          value={row.type}
          onChange={(event) => onChange(withType(row, event.currentTarget.value as SchemaType))}
        >
          {SCHEMA_TYPES.map((type) => (
            <option key={type} value={type}>
              {SCHEMA_TYPE_LABELS[type]}
            </option>
          ))}
        </select>
        {buttons}
      </div>
      <div className="schema-row-line">
        <input
          className="schema-description"
          aria-label={`Description of ${row.name || 'the field'}`}
          placeholder="Description, for the model (optional)"
          data-testid={`${testId}-description`}
          value={row.description}
          onChange={(event) => onChange({ ...row, description: event.currentTarget.value })}
        />
        {!isItem && (
          <label className="schema-required" title="The answer must have this field">
            <input
              type="checkbox"
              data-testid={`${testId}-required`}
              checked={row.required}
              onChange={(event) => onChange({ ...row, required: event.currentTarget.checked })}
            />
            Required
          </label>
        )}
      </div>
      {row.type === 'enum' && <EnumValues row={row} onChange={onChange} testId={testId} />}
      {row.type === 'object' && (
        <div className="schema-nested">
          <SchemaRows rows={row.fields} onChange={(fields) => onChange({ ...row, fields })} testId={testId} />
        </div>
      )}
      {row.type === 'array' && (
        <div className="schema-nested">
          <SchemaRowEditor row={row.items ?? newRow()} onChange={(items) => onChange({ ...row, items })} testId={`${testId}.item`} />
        </div>
      )}
    </div>
  );
}

/** The values a "One of" field may take, one input each. */
function EnumValues({ row, onChange, testId }: RowProps) {
  const values = row.enumValues;
  const set = (next: string[]) => onChange({ ...row, enumValues: next });
  return (
    <div className="enum-values" role="group" aria-label={`Values of ${row.name || 'the field'}`}>
      {values.map((value, index) => (
        <span key={index} className="enum-value">
          <input
            aria-label={`Value ${index + 1}`}
            data-testid={`${testId}-value-${index}`}
            value={value}
            size={Math.max(4, value.length + 1)}
            onChange={(event) => set(values.map((v, i) => (i === index ? event.currentTarget.value : v)))}
          />
          <button
            type="button"
            className="icon-button danger"
            aria-label={`Remove value ${value || index + 1}`}
            data-testid={`${testId}-value-${index}-remove`}
            onClick={() => set(values.filter((_, i) => i !== index))}
          >
            <X size={12} aria-hidden />
          </button>
        </span>
      ))}
      <button type="button" className="small add-row" data-testid={`${testId}-add-value`} onClick={() => set([...values, ''])}>
        <Plus size={12} aria-hidden /> Add value
      </button>
    </div>
  );
}

/** Rows of one object's fields, with add. */
export function SchemaRows({ rows, onChange, testId }: { rows: SchemaRow[]; onChange: (rows: SchemaRow[]) => void; testId: string }) {
  return (
    <div className="schema-rows">
      {rows.length === 0 && <p className="list-empty muted">No fields yet.</p>}
      {rows.map((row, index) => {
        const rowId = `${testId}.${index}`;
        return (
          <SchemaRowEditor
            key={index}
            row={row}
            testId={rowId}
            onChange={(next) => onChange(rows.map((r, i) => (i === index ? next : r)))}
            buttons={
              <RowButtons
                testId={rowId}
                what={`field ${row.name || index + 1}`}
                index={index}
                count={rows.length}
                onMove={(to) => onChange(moveItem(rows, index, to))}
                onRemove={() => onChange(removeItem(rows, index))}
              />
            }
          />
        );
      })}
      <button
        type="button"
        className="small add-row"
        data-testid={`${testId}-add`}
        onClick={() => onChange([...rows, newRow(freeName(rows))])}
      >
        <Plus size={12} aria-hidden /> Add field
      </button>
    </div>
  );
}

function freeName(rows: readonly SchemaRow[]): string {
  const taken = new Set(rows.map((row) => row.name));
  let n = rows.length + 1;
  while (taken.has(`field${n}`)) n++;
  return `field${n}`;
}
