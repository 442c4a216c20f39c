import { Plus, X } from 'lucide-react';
import type { ReactNode } from 'react';
import {
  convertValue,
  freeKey,
  kindOf,
  removeItem,
  renameKey,
  VALUE_KIND_LABELS,
  VALUE_KINDS,
  type ValueKind,
} from '../editor/forms/index.ts';
import { useDraft } from './use-draft.ts';
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
}

/** Any JSON value as a form: object rows (key, type, value), list rows, text, numbers, yes/no and empty. */
export function ValueEditor({ value, onChange, testId, label }: ValueEditorProps) {
  return (
    <div className="value-editor" role="group" aria-label={label}>
      <ValueNode value={value} onChange={onChange} testId={testId} name={label} />
    </div>
  );
}

interface NodeProps {
  value: unknown;
  onChange: (value: unknown) => void;
  testId: string;
  name: string;
}

function ValueNode({ value, onChange, testId, name }: NodeProps) {
  switch (kindOf(value)) {
    case 'object':
      return <ObjectRows value={value as Record<string, unknown>} onChange={onChange} testId={testId} name={name} />;
    case 'array':
      return <ListRows value={value as unknown[]} onChange={onChange} testId={testId} name={name} />;
    case 'string':
      return (
        <input aria-label={name} data-testid={testId} value={value as string} onChange={(event) => onChange(event.currentTarget.value)} />
      );
    case 'number':
      return <NumberInput value={value as number} onChange={onChange} testId={testId} name={name} />;
    case 'boolean':
      return (
        <label className="value-boolean">
          <input
            type="checkbox"
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

function NumberInput({ value, onChange, testId, name }: NodeProps & { value: number }) {
  const draft = useDraft(value, String);
  const number = Number(draft.text.trim());
  const invalid = draft.text.trim() === '' || !Number.isFinite(number);
  return (
    <input
      aria-label={name}
      data-testid={testId}
      inputMode="decimal"
      value={draft.text}
      aria-invalid={invalid}
      onChange={(event) => {
        const text = event.currentTarget.value;
        const next = Number(text.trim());
        if (text.trim() !== '' && Number.isFinite(next)) {
          draft.typed(text, next);
          onChange(next);
        } else draft.typed(text, value);
      }}
    />
  );
}

function TypePicker({ value, onChange, testId, name }: NodeProps) {
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

function ObjectRows({ value, onChange, testId, name }: NodeProps & { value: Record<string, unknown> }) {
  const entries = Object.entries(value);
  return (
    <div className="value-rows" data-testid={testId}>
      {entries.map(([key, item], index) => {
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
      <button
        type="button"
        className="small add-row"
        data-testid={`${testId}-add`}
        onClick={() => onChange({ ...value, [freeKey(value)]: '' })}
      >
        <Plus size={12} aria-hidden /> Add field
      </button>
    </div>
  );
}

function ListRows({ value, onChange, testId, name }: NodeProps & { value: unknown[] }) {
  return (
    <div className="value-rows" data-testid={testId}>
      {value.map((item, index) => {
        const set = (next: unknown) => onChange(value.map((old, i) => (i === index ? next : old)));
        return (
          <Row
            key={index}
            item={item}
            testId={`${testId}.${index}`}
            name={`${name} › ${index + 1}`}
            onChange={set}
            onRemove={() => onChange(removeItem(value, index))}
          >
            <span className="value-index muted">{index + 1}</span>
          </Row>
        );
      })}
      <button type="button" className="small add-row" data-testid={`${testId}-add`} onClick={() => onChange([...value, ''])}>
        <Plus size={12} aria-hidden /> Add item
      </button>
    </div>
  );
}

/** One key (or index), its type and its value; an object or list value opens below the row. */
function Row({
  item,
  testId,
  name,
  onChange,
  onRemove,
  children,
}: Omit<NodeProps, 'value'> & { item: unknown; onRemove: () => void; children: ReactNode }) {
  const nested = kindOf(item) === 'object' || kindOf(item) === 'array';
  return (
    <div className={nested ? 'value-row nested' : 'value-row'}>
      <div className="value-row-head">
        {children}
        <TypePicker value={item} onChange={onChange} testId={testId} name={name} />
        {!nested && <ValueNode value={item} onChange={onChange} testId={testId} name={name} />}
        <button
          type="button"
          className="icon-button danger"
          aria-label={`Remove ${name}`}
          data-testid={`${testId}-remove`}
          onClick={onRemove}
        >
          <X size={14} aria-hidden />
        </button>
      </div>
      {nested && <ValueNode value={item} onChange={onChange} testId={testId} name={name} />}
    </div>
  );
}

function KeyInput({
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

function without(object: Record<string, unknown>, key: string): Record<string, unknown> {
  const { [key]: _removed, ...rest } = object;
  return rest;
}
