import { Plus, X } from 'lucide-react';
import type { ReactNode } from 'react';
import { emptyValueOf, freeKey, kindOf, removeItem, renameKey, type ShapeProperty, type ValueShape } from '../editor/forms/index.ts';
import { ChoiceInput, KeyInput, NumberInput, TypePicker, type ValueInputProps } from './value-inputs.tsx';
import './value-editor.css';

export interface ValueEditorProps {
  value: unknown;
  onChange: (value: unknown) => void;
  /**
   * The root's test id; a part at key or index k of a value with id X is `X.k`, and its controls are `X.k-key`,
   * `X.k-type`, `X.k-remove`; an object's or list's add button is `X-add`.
   */
  testId: string;
  /** What the root value is called, for screen readers ("Pinned outputs"). */
  label: string;
  /**
   * What a schema says of the value (editor/forms/value-shape.ts): a list's items and an object's declared properties
   * then have fixed types (no type picker), declared properties are labelled sub-fields, text choices a select.
   */
  shape?: ValueShape;
}

/** Any JSON value as a form: object rows (key, type, value), list rows, text, numbers, yes/no and empty. */
export function ValueEditor({ value, onChange, testId, label, shape }: ValueEditorProps) {
  return (
    <div className="value-editor" role="group" aria-label={label}>
      <ValueNode value={value} onChange={onChange} testId={testId} name={label} shape={shape} />
    </div>
  );
}

type NodeProps = ValueInputProps & { shape: ValueShape | undefined };

function ValueNode({ value, onChange, testId, name, shape }: NodeProps) {
  switch (kindOf(value)) {
    case 'object':
      return <ObjectRows value={value as Record<string, unknown>} onChange={onChange} testId={testId} name={name} shape={shape} />;
    case 'array':
      return <ListRows value={value as unknown[]} onChange={onChange} testId={testId} name={name} shape={shape} />;
    case 'string':
      return shape?.choices !== undefined ? (
        <ChoiceInput value={value as string} onChange={onChange} testId={testId} name={name} choices={shape.choices} />
      ) : (
        <input aria-label={name} data-testid={testId} value={value as string} onChange={(event) => onChange(event.currentTarget.value)} />
      );
    case 'number':
      return <NumberInput value={value as number} onChange={onChange} testId={testId} name={name} integer={shape?.integer} />;
    case 'boolean':
      return (
        <label className="value-boolean">
          <input
            type="checkbox"
            aria-label={name}
            data-testid={testId}
            checked={value as boolean}
            onChange={(event) => onChange(event.currentTarget.checked)}
          />
          {value === true ? 'yes' : 'no'}
        </label>
      );
    case 'null':
      return (
        <span className="muted value-null" data-testid={testId}>
          empty
        </span>
      );
  }
}

function ObjectRows({ value, onChange, testId, name, shape }: NodeProps & { value: Record<string, unknown> }) {
  const declared = shape?.properties ?? [];
  const isDeclared = (key: string) => declared.some((property) => property.key === key);
  const others = Object.entries(value).filter(([key]) => !isDeclared(key));
  return (
    <div className="value-rows" data-testid={testId}>
      {declared.map((property) => (
        <DeclaredRow key={property.key} property={property} parent={value} onChange={onChange} testId={testId} name={name} />
      ))}
      {others.map(([key, item], index) => {
        const id = `${testId}.${key}`;
        const set = (next: unknown) => onChange({ ...value, [key]: next });
        return (
          <Row key={index} item={item} testId={id} name={`${name} › ${key}`} onChange={set} onRemove={() => onChange(without(value, key))}>
            <KeyInput
              keyName={key}
              testId={`${id}-key`}
              taken={(next) => next !== key && Object.hasOwn(value, next)}
              onRename={(next) => onChange(renameKey(value, key, next))}
            />
          </Row>
        );
      })}
      {declared.length === 0 && (
        <button
          type="button"
          className="small add-row"
          data-testid={`${testId}-add`}
          onClick={() => onChange({ ...value, [freeKey(value)]: '' })}
        >
          <Plus size={12} aria-hidden /> Add field
        </button>
      )}
    </div>
  );
}

/** A property the schema declares: its label in place of a key, its type fixed, shown (empty) even before it is set. */
function DeclaredRow({
  property,
  parent,
  onChange,
  testId,
  name,
}: Omit<NodeProps, 'value' | 'shape'> & { property: ShapeProperty; parent: Record<string, unknown> }) {
  const { key, label, shape, required } = property;
  const item = Object.hasOwn(parent, key) ? parent[key] : emptyValueOf(shape);
  return (
    <Row
      item={item}
      shape={shape}
      testId={`${testId}.${key}`}
      name={`${name} › ${label}`}
      onChange={(next) => onChange({ ...parent, [key]: next })}
    >
      <span className="value-key-label" title={key}>
        {label}
        {required && <span className="required-mark"> *</span>}
      </span>
    </Row>
  );
}

function ListRows({ value, onChange, testId, name, shape }: NodeProps & { value: unknown[] }) {
  return (
    <div className="value-rows" data-testid={testId}>
      {value.map((item, index) => {
        const set = (next: unknown) => onChange(value.map((old, i) => (i === index ? next : old)));
        return (
          <Row
            key={index}
            item={item}
            shape={shape?.item}
            testId={`${testId}.${index}`}
            name={`${name} › ${index + 1}`}
            onChange={set}
            onRemove={() => onChange(removeItem(value, index))}
          >
            <span className="value-index muted">{index + 1}</span>
          </Row>
        );
      })}
      <button
        type="button"
        className="small add-row"
        data-testid={`${testId}-add`}
        onClick={() => onChange([...value, emptyValueOf(shape?.item)])}
      >
        <Plus size={12} aria-hidden /> Add item
      </button>
    </div>
  );
}

/**
 * One key (or index), its type (unless its shape fixes it) and its value; an object or list value opens below the row.
 * Without `onRemove` (a declared property) it cannot be removed.
 */
function Row({
  item,
  shape,
  testId,
  name,
  onChange,
  onRemove,
  children,
}: Omit<NodeProps, 'value' | 'shape'> & { item: unknown; shape?: ValueShape; onRemove?: () => void; children: ReactNode }) {
  const nested = kindOf(item) === 'object' || kindOf(item) === 'array';
  return (
    <div className={nested ? 'value-row nested' : 'value-row'}>
      <div className="value-row-head">
        {children}
        {shape === undefined && <TypePicker value={item} onChange={onChange} testId={testId} name={name} />}
        {!nested && <ValueNode value={item} onChange={onChange} testId={testId} name={name} shape={shape} />}
        {onRemove !== undefined && (
          <button
            type="button"
            className="icon-button danger"
            aria-label={`Remove ${name}`}
            data-testid={`${testId}-remove`}
            onClick={onRemove}
          >
            <X size={14} aria-hidden />
          </button>
        )}
      </div>
      {nested && <ValueNode value={item} onChange={onChange} testId={testId} name={name} shape={shape} />}
    </div>
  );
}

function without(object: Record<string, unknown>, key: string): Record<string, unknown> {
  const { [key]: _removed, ...rest } = object;
  return rest;
}
