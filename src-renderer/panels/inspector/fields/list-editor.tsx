import { Plus } from 'lucide-react';
import { hasProblemsUnder, moveItem, newListItem, removeItem } from '../../../editor/forms/index.ts';
import { RowButtons } from '../../../kit/row-buttons.tsx';
import { inspectorFieldId } from '../../../test-ids.ts';
import { asList, asObject, type FieldProps, type RenderField } from './field-props.ts';
import { ObjectFields } from './object-fields.tsx';

/**
 * A list of rows with add, remove and reorder: an object item is a card of its fields (a route's name and expression,
 * an Agent tool), any other item one control per row (stop sequences, fallback models). Row i's controls are
 * `inspector-field-<path>.<i>-up|down|remove`; the add button `inspector-field-<path>-add`.
 */
export function ListEditor(props: FieldProps & { at: (string | number)[]; testId: string; renderField: RenderField }) {
  const { field, value, onChange, at, testId, renderField, problems = [] } = props;
  const rows = asList(value);
  const item = field.item;
  if (item === undefined) return null;
  const noun = singular(field.label);
  const set = (index: number, next: unknown) => onChange(rows.map((row, i) => (i === index ? next : row)));
  return (
    <div className="list-editor">
      {rows.length === 0 && <p className="list-empty muted">No {field.label.toLowerCase()} yet.</p>}
      {rows.map((row, index) => {
        const rowAt = [...at, index];
        const buttons = (
          <RowButtons
            testId={inspectorFieldId(rowAt)}
            what={`${noun} ${index + 1}`}
            index={index}
            count={rows.length}
            onMove={(to) => onChange(moveItem(rows, index, to))}
            onRemove={() => onChange(removeItem(rows, index))}
          />
        );
        if (item.kind !== 'object') {
          return (
            <div key={index} className="list-row">
              {renderField({
                field: { ...item, label: `${noun} ${index + 1}` },
                value: row,
                onChange: (next) => set(index, next),
                at: rowAt,
                problems,
                bare: true,
                config: props.config,
              })}
              {buttons}
            </div>
          );
        }
        const title = cardTitle(row, noun, index);
        return (
          <div
            key={index}
            className={hasProblemsUnder(problems, rowAt) ? 'list-card has-problems' : 'list-card'}
            data-testid={inspectorFieldId(rowAt)}
          >
            <div className="list-card-head">
              <span className="list-card-title">{title}</span>
              {buttons}
            </div>
            <ObjectFields
              field={item}
              value={row}
              onChange={(next) => set(index, next)}
              at={rowAt}
              renderField={renderField}
              problems={problems}
              config={props.config}
              className="list-card-body"
            />
          </div>
        );
      })}
      <button
        type="button"
        className="small add-row"
        data-testid={`${testId}-add`}
        onClick={() => onChange([...rows, newListItem(item, rows)])}
      >
        <Plus size={12} aria-hidden /> Add {noun.toLowerCase()}
      </button>
    </div>
  );
}

function cardTitle(row: unknown, noun: string, index: number): string {
  const object = asObject(row);
  const name = typeof object.name === 'string' && object.name.trim() !== '' ? object.name : `${noun} ${index + 1}`;
  return typeof object.kind === 'string' ? `${name} · ${object.kind.replace(/_/g, ' ')}` : name;
}

/** "Routes" → "Route", "Fallback models" → "Fallback model", "Stop" stays. */
function singular(label: string): string {
  return label.endsWith('ies') ? `${label.slice(0, -3)}y` : label.endsWith('s') && !label.endsWith('ss') ? label.slice(0, -1) : label;
}
