import { useState } from 'react';
import { rowProblems, rowsFromSchema, schemaFromRows, type SchemaRow } from '../../../editor/forms/index.ts';
import { asObject } from './field-props.ts';
import { SchemaRows } from './schema-row-editor.tsx';

/**
 * A JSON Schema of an object (the LLM's structured output, a tool's arguments) built from field rows: name, type,
 * the values of a "One of", description, required; objects and lists nest. Rows with a problem (no name, a name used
 * twice, a "One of" without values) stay on screen and are stored once fixed. A schema the rows cannot show in full
 * is left alone: the person edits it as JSON. Test ids: `<testId>.<i>-name|type|required|description`, nested rows
 * `<testId>.<i>.<j>-…`, a list's item `<testId>.<i>.item-…`, a choice's values `…-value-<k>` and `…-add-value`.
 */
export function SchemaBuilder({ testId, value, onChange }: { testId: string; value: unknown; onChange: (value: unknown) => void }) {
  const schema = asObject(value);
  const [state, setState] = useState(() => ({ seen: schema, read: rowsFromSchema(schema) }));
  let current = state;
  if (JSON.stringify(schema) !== JSON.stringify(state.seen)) {
    current = { seen: schema, read: rowsFromSchema(schema) };
    setState(current);
  }
  if (!current.read.ok) {
    return (
      <p className="schema-unsupported" data-testid={`${testId}-unsupported`}>
        This schema goes beyond what the rows can show ({current.read.reason}): use Edit as JSON.
      </p>
    );
  }
  const rows = current.read.rows;
  const problems = rowProblems(rows);
  const update = (next: SchemaRow[]) => {
    const fine = rowProblems(next).length === 0;
    const written = fine ? schemaFromRows(next) : current.seen;
    setState({ seen: written, read: { ok: true, rows: next } });
    if (fine) onChange(written);
  };
  return (
    <div className="schema-builder">
      <SchemaRows rows={rows} onChange={update} testId={testId} />
      {problems.length > 0 && (
        <ul className="field-problems">
          {problems.map((problem) => (
            <li key={problem} className="field-error">
              {problem} (not saved until fixed)
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
