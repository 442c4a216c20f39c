import { Braces } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import { parseJson } from '../../editor/forms/index.ts';
import { prefillInputs, runInputFields, triggerSample, type RunInputField } from '../../editor/forms/run-input-fields.ts';
import { selectMeta } from '../../editor/store/index.ts';
import { JsonField } from '../../kit/json-field.tsx';
import { useEditor, useEditorSession, useRunSession } from '../../session/editor-context.ts';
import { SETTINGS_IDS, TEST_IDS } from '../../test-ids.ts';
import { RunInputControl } from './run-input-control.tsx';
import './run-inputs-form.css';

/**
 * The run inputs as a form built from the workflow's inputs schema: one field per declared input, prefilled with its
 * default, checked as you type, required ones marked. "Edit as JSON" shows the same values as text (kept in sync).
 */
export function RunInputsForm() {
  const { run } = useEditorSession();
  const schema = useEditor((s) => selectMeta(s).inputs);
  const sample = useEditor((s) => triggerSample(s.graph.nodes.map((node) => node.data)));
  const { fields, unsupported } = useMemo(() => runInputFields(schema), [schema]);
  const text = useRunSession((s) => s.inputs);
  const inputsError = useRunSession((s) => s.inputsError);
  const parsed = useMemo(() => parseJson(text), [text]);
  const values = parsed.ok && isRecord(parsed.value) ? parsed.value : undefined;
  const [asJson, setAsJson] = useState(false);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const actions = run.getState().actions;
  const missing = values === undefined ? [] : fields.filter((f) => isMissing(f, values[f.name])).map((f) => f.name);

  // Declared inputs changed (or the form opened): fill the defaults of inputs not entered yet.
  useEffect(() => {
    const current = run.getState().inputs;
    const check = parseJson(current);
    if (!check.ok || !isRecord(check.value)) return;
    const next = prefillInputs(fields, check.value, sample);
    if (JSON.stringify(next) !== JSON.stringify(check.value)) actions.setInputValues(next);
  }, [fields, sample, run, actions]);

  const problem = missing.length === 0 ? undefined : `fill in ${missing.join(', ')}`;
  useEffect(() => {
    if (values !== undefined) actions.setInputsProblem(problem);
  }, [problem, values, actions]);

  const set = (name: string, value: unknown) => {
    if (values === undefined) return;
    const next = { ...values };
    if (value === undefined) delete next[name];
    else next[name] = value;
    setTouched((t) => new Set(t).add(name));
    actions.setInputValues(next);
  };

  return (
    <div className="run-inputs-form" data-testid={SETTINGS_IDS.runInputsForm}>
      <div className="run-inputs-head">
        <h3>Inputs</h3>
        <button
          type="button"
          className="run-inputs-json-toggle"
          data-testid={SETTINGS_IDS.runInputsJsonToggle}
          aria-pressed={asJson}
          title="Edit the run inputs as JSON"
          onClick={() => setAsJson((on) => !on)}
        >
          <Braces size={13} aria-hidden /> {asJson ? 'Show the form' : 'Edit as JSON'}
        </button>
      </div>
      {asJson || values === undefined ? (
        <JsonField
          id="run-inputs"
          label="Inputs (JSON)"
          testId={TEST_IDS.runInputs}
          value={text}
          error={inputsError}
          onChange={(typed) => actions.setInputs(typed)}
        />
      ) : fields.length === 0 ? (
        <p className="field-help run-inputs-none">
          {unsupported !== undefined
            ? `The inputs schema cannot be shown as a form (${unsupported}): edit the inputs as JSON.`
            : 'This workflow declares no inputs. Declare them in the inspector with nothing selected (click an empty spot on the canvas).'}
        </p>
      ) : (
        <div className="run-inputs-fields">
          {fields.map((field) => (
            <RunInputControl
              key={field.name}
              input={field}
              value={values[field.name]}
              missing={touched.has(field.name) && missing.includes(field.name)}
              onChange={(value) => set(field.name, value)}
            />
          ))}
        </div>
      )}
      {!asJson && problem !== undefined && <p className="field-help run-inputs-problem">Required: {missing.join(', ')}</p>}
    </div>
  );
}

function isMissing(input: RunInputField, value: unknown): boolean {
  return input.field.required && input.field.default === undefined && (value === undefined || value === '');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
