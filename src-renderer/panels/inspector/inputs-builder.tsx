import { Plus } from 'lucide-react';
import { useRef, useState } from 'react';
import type { JsonSchema } from '../../editor/catalogue.ts';
import { moveItem, removeItem } from '../../editor/forms/index.ts';
import { newRow, rowNameProblem, rowsToSchema, schemaToRows, type InputRow } from '../../editor/forms/inputs-schema-rows.ts';
import { selectMeta } from '../../editor/store/index.ts';
import { useEditor, useEditorSession } from '../../session/editor-context.ts';
import { SETTINGS_IDS } from '../../test-ids.ts';
import { InputRowEditor, type RowDraft } from './input-row-editor.tsx';

interface Drafts {
  /** The schema these rows were read from (or written as). */
  schema: unknown;
  rows: RowDraft[];
  extra: JsonSchema;
}

const draftsOf = (schema: unknown, rows: InputRow[], extra: JsonSchema): Drafts => ({
  schema,
  extra,
  rows: rows.map((row) => ({ row, defaultText: row.default === undefined ? '' : String(row.default) })),
});

/**
 * The workflow's run inputs as rows (name, type, description, default, required, choices for text), read from and
 * written to its `inputs` JSON Schema. A schema it cannot edit is shown and kept, never rewritten.
 */
export function InputsBuilder() {
  const { store } = useEditorSession();
  const schema = useEditor((s) => selectMeta(s).inputs);
  const model = schemaToRows(schema);
  const [drafts, setDrafts] = useState<Drafts>(() => draftsOf(schema, model.ok ? model.rows : [], model.ok ? model.extra : {}));
  const written = useRef<unknown>(schema);
  let current = drafts;
  if (schema !== drafts.schema && schema !== written.current && model.ok) {
    // Changed elsewhere (undo, another window): start again from the document.
    current = draftsOf(schema, model.rows, model.extra);
    setDrafts(current);
  }

  if (!model.ok) {
    return (
      <div className="inputs-builder" data-testid={SETTINGS_IDS.inputsBuilder}>
        <p className="field-help settings-attention" data-testid={SETTINGS_IDS.inputsUnsupported}>
          These inputs cannot be edited here ({model.reason}); they are kept as they are.
        </p>
        <pre>{JSON.stringify(schema, null, 2)}</pre>
        <button type="button" onClick={() => store.getState().actions.updateMeta({ inputs: undefined })}>
          Start a new list of inputs
        </button>
      </div>
    );
  }

  const change = (rows: RowDraft[]) => {
    const next = { ...current, rows };
    const valid = rows.every(
      (draft, i) =>
        draft.defaultError === undefined &&
        rowNameProblem(
          rows.map((d) => d.row),
          i,
        ) === undefined,
    );
    if (valid) {
      const inputs = rowsToSchema(
        rows.map((d) => d.row),
        current.extra,
      );
      written.current = inputs;
      next.schema = inputs;
      store.getState().actions.updateMeta({ inputs });
    }
    setDrafts(next);
  };
  const rows = current.rows.map((d) => d.row);

  return (
    <div className="inputs-builder" data-testid={SETTINGS_IDS.inputsBuilder}>
      {current.rows.length === 0 && (
        <p className="field-help">No inputs yet. Inputs are what a person types in the Run form, and {'{{ name }}'} in templates.</p>
      )}
      {current.rows.map((draft, index) => (
        <InputRowEditor
          key={index}
          index={index}
          count={current.rows.length}
          draft={draft}
          nameProblem={rowNameProblem(rows, index)}
          onChange={(next) => change(current.rows.map((d, i) => (i === index ? next : d)))}
          onMove={(to) => change(moveItem(current.rows, index, to))}
          onRemove={() => change(removeItem(current.rows, index))}
        />
      ))}
      <button
        type="button"
        className="add-input"
        data-testid={SETTINGS_IDS.inputAdd}
        onClick={() => change([...current.rows, { row: newRow(rows), defaultText: '' }])}
      >
        <Plus size={14} aria-hidden /> Add input
      </button>
    </div>
  );
}
