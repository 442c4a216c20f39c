import { parseJson } from '../editor/forms/index.ts';
import { useDraft } from './use-draft.ts';

export interface JsonTextProps {
  id?: string;
  testId: string;
  value: unknown;
  /** Called with each parsed value that passes `check`; invalid text never reaches it, so the value is never lost. */
  onChange: (value: unknown) => void;
  /** Why a parsed value is not usable here (not an object…); undefined when it is. */
  check?: (value: unknown) => string | undefined;
  rows?: number;
  label?: string;
  /** Told, as the person types, why the text is not used (undefined once it is). */
  onProblem?: (problem: string | undefined) => void;
}

/**
 * A value as JSON text, the escape hatch beside every structured editor. Typed text is parsed as it is typed and
 * stored only when valid; the text follows the value when it changes elsewhere. Marked `data-json-textarea`, so a
 * test can tell that nobody had to type JSON.
 */
export function JsonText({ id, testId, value, onChange, check, rows = 6, label, onProblem }: JsonTextProps) {
  const draft = useDraft(value, stringify);
  const parsed = parseJson(draft.text);
  const error = !parsed.ok ? parsed.message : check?.(parsed.value);
  return (
    <>
      <textarea
        id={id}
        className="code"
        rows={rows}
        spellCheck={false}
        aria-label={label}
        data-testid={testId}
        data-json-textarea="true"
        value={draft.text}
        aria-invalid={error !== undefined}
        onChange={(event) => {
          const text = event.currentTarget.value;
          const next = parseJson(text);
          const problem = !next.ok ? next.message : check?.(next.value);
          onProblem?.(problem);
          if (next.ok && problem === undefined) {
            draft.typed(text, next.value);
            onChange(next.value);
          } else draft.typed(text, value);
        }}
      />
      {error !== undefined && <p className="field-error">{error} (the last valid value is kept)</p>}
    </>
  );
}

function stringify(value: unknown): string {
  return value === undefined ? '' : JSON.stringify(value, null, 2);
}
