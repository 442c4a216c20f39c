import { useEffect, useState } from 'react';
import { createPreviewer, previewText, type PreviewResult } from '../../editor/expressions/preview.ts';
import type { ExpressionData } from '../../session/expressions/use-expression-data.ts';
import { createWorkerSandbox } from '../../session/expressions/worker-sandbox.ts';
import { expressionPreviewId } from '../../test-ids.ts';

const preview = createPreviewer(createWorkerSandbox());
/** Wait this long after the last keystroke before evaluating. */
const SETTLE_MS = 200;

interface ExpressionPreviewProps {
  path: readonly (string | number)[];
  kind: 'expression' | 'template';
  text: string;
  data: ExpressionData['preview'];
}

/** The field's value evaluated against the last run's (or pinned) data for this node: the result, the rendered text, or the error. */
export function ExpressionPreview({ path, kind, text, data }: ExpressionPreviewProps) {
  const [result, setResult] = useState<{ text: string; kind: string; result: PreviewResult }>();
  useEffect(() => {
    if (data === undefined || text.trim() === '') return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      void preview(kind, text, data.scope, controller.signal).then((answer) => {
        if (!controller.signal.aborted) setResult({ text, kind, result: answer });
      });
    }, SETTLE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort(new Error('superseded'));
    };
  }, [kind, text, data]);

  const testId = expressionPreviewId(path);
  if (text.trim() === '') return null;
  if (data === undefined) {
    return (
      <div className="expression-preview empty" data-testid={testId} data-state="empty">
        No run data yet: run the workflow, or pin the output of the node before this one, to preview this against real values.
      </div>
    );
  }
  const shown = result?.text === text && result.kind === kind ? result.result : undefined;
  const state = shown === undefined ? 'pending' : shown.ok ? 'value' : 'error';
  return (
    <div className={`expression-preview ${state}`} data-testid={testId} data-state={state} aria-live="polite">
      <div className="expression-preview-head">
        {kind === 'template' ? 'Renders as' : 'Result'} <span className="muted">· against {data.origin}</span>
      </div>
      {shown === undefined ? (
        <pre className="expression-preview-body muted">Evaluating…</pre>
      ) : shown.ok ? (
        <pre className="expression-preview-body">{previewText(shown.value)}</pre>
      ) : (
        <pre className="expression-preview-body error">{shown.message}</pre>
      )}
    </div>
  );
}
