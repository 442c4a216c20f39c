import { useMemo } from 'react';
import { deriveForm } from '../../../editor/forms/index.ts';
import { useEditorSession } from '../../../session/editor-context.ts';
import { inspectorFieldId } from '../../../test-ids.ts';
import { asObject, type FieldProps, type RenderField } from './field-props.ts';

/**
 * Map's per-item node: a picker of the node type, then that type's own form (derived from its config schema like any
 * node's), so an analyst sets up "a Transform with this expression" as they would on the canvas. The type select is
 * `inspector-field-<path>.type`; the inner fields are `inspector-field-<path>.config.<key>`.
 */
export function NodePicker(props: FieldProps & { at: (string | number)[]; renderField: RenderField }) {
  const { value, onChange, at, renderField, problems } = props;
  const { catalogue } = useEditorSession();
  const node = asObject(value);
  const type = typeof node.type === 'string' ? node.type : '';
  const config = asObject(node.config);
  const entry = catalogue.get(type);
  const form = useMemo(() => (entry === undefined ? undefined : deriveForm(entry.configSchema)), [entry]);
  const choices = useMemo(
    () =>
      [...catalogue.values()]
        .filter((e) => e.kind === 'step')
        .sort((a, b) => a.category.localeCompare(b.category) || a.title.localeCompare(b.title)),
    [catalogue],
  );
  const categories = [...new Set(choices.map((choice) => choice.category))];
  return (
    <div className="node-picker">
      <label className="node-picker-type">
        <span>Run for each item</span>
        <select
          data-testid={inspectorFieldId([...at, 'type'])}
          value={type}
          onChange={(event) => onChange({ type: event.currentTarget.value, config: {} })}
        >
          {entry === undefined && <option value={type}>{type === '' ? 'Choose a node type' : `${type} (unknown type)`}</option>}
          {categories.map((category) => (
            <optgroup key={category} label={category}>
              {choices
                .filter((choice) => choice.category === category)
                .map((choice) => (
                  <option key={choice.type} value={choice.type}>
                    {choice.title}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </label>
      {entry !== undefined && <p className="field-help">{entry.description} The item arrives on its “in” port.</p>}
      {form !== undefined && (
        <div className="node-picker-config">
          {form.fields.map((child) => {
            const key = String(child.path[child.path.length - 1]);
            return (
              <div key={`${type}.${key}`}>
                {renderField({
                  field: child,
                  value: config[key],
                  onChange: (next) => onChange({ type, config: next === undefined ? without(config, key) : { ...config, [key]: next } }),
                  at: [...at, 'config', key],
                  problems,
                  config,
                })}
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}

function without(object: Record<string, unknown>, key: string): Record<string, unknown> {
  const { [key]: _dropped, ...rest } = object;
  return rest;
}
