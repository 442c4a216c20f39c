import { useState } from 'react';
import { problemsOfField } from '../../../editor/forms/index.ts';
import { JsonText } from '../../../kit/json-text.tsx';
import { JsonToggle } from '../../../kit/json-toggle.tsx';
import { ValueEditor } from '../../../kit/value-editor.tsx';
import { inspectorFieldId } from '../../../test-ids.ts';
import { FieldProblemList } from './field-problem-list.tsx';
import type { FieldProps, RenderField } from './field-props.ts';
import { ListEditor } from './list-editor.tsx';
import { NodePicker } from './node-picker.tsx';
import { ObjectFields } from './object-fields.tsx';
import { RecordEditor } from './record-editor.tsx';
import { SchemaBuilder } from './schema-builder.tsx';
import './fields.css';

/**
 * A field of a nested shape (list, object, key-value record, JSON Schema, node, any value), edited with its structured
 * editor or, through its "Edit as JSON" switch, as JSON text: both edit the same stored value, and JSON that does not
 * parse is never stored.
 */
export function StructuredField(props: FieldProps & { renderField: RenderField }) {
  const { field, value, onChange, renderField } = props;
  const at = props.at ?? field.path;
  const id = props.testId ?? inspectorFieldId(at);
  const [json, setJson] = useState(false);
  // A list or object shows only problems at itself: its rows and fields show theirs.
  const container = field.kind === 'list' || field.kind === 'object' || field.kind === 'node';
  const problems = problemsOfField(props.problems ?? [], at, !container);
  const shown = value === undefined ? field.default : value;
  const body = json ? (
    <JsonText testId={id} label={field.label} value={shown ?? null} onChange={onChange} check={shapeCheck(field.kind)} rows={8} />
  ) : (
    <StructuredBody {...props} at={at} testId={id} value={shown} renderField={renderField} />
  );
  return (
    <div className={`field structured-field kind-${field.kind}`} data-field={at.join('.')}>
      <div className="field-head">
        <span className="field-label">
          {field.label}
          {field.required && field.default === undefined && <span className="required-mark"> *</span>}
        </span>
        <JsonToggle testId={id} json={json} onToggle={() => setJson(!json)} />
      </div>
      {field.description !== undefined && <p className="field-help">{field.description}</p>}
      {body}
      <FieldProblemList problems={problems} label={field.label} at={at} />
    </div>
  );
}

function StructuredBody(props: FieldProps & { at: (string | number)[]; testId: string; renderField: RenderField }) {
  const { field, value, onChange, at, testId } = props;
  switch (field.kind) {
    case 'list':
      return <ListEditor {...props} />;
    case 'object':
      return <ObjectFields {...props} className="object-group" />;
    case 'record':
      return <RecordEditor {...props} />;
    case 'schema':
      return <SchemaBuilder testId={testId} value={value} onChange={onChange} />;
    case 'node':
      return <NodePicker {...props} />;
    default:
      return <ValueEditor testId={`${inspectorFieldId(at)}-form`} label={field.label} value={value ?? null} onChange={onChange} />;
  }
}

function shapeCheck(kind: string): ((value: unknown) => string | undefined) | undefined {
  const isObject = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);
  if (kind === 'list') return (value) => (Array.isArray(value) ? undefined : 'expected a JSON list [ … ]');
  if (kind === 'object' || kind === 'record' || kind === 'schema' || kind === 'node')
    return (value) => (isObject(value) ? undefined : 'expected a JSON object { … }');
  return undefined;
}
