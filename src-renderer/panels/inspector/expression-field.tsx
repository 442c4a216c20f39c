import { useId, useRef, useState, type ChangeEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Problem } from '../../../src-shared/errors/operon-error.ts';
import { caretCoordinates } from '../../kit/caret-coordinates.ts';
import { selectInspectedNodeId } from '../../editor/store/index.ts';
import { useEditor } from '../../session/editor-context.ts';
import { useExpressionData } from '../../session/expressions/use-expression-data.ts';
import { expressionProblemsId } from '../../test-ids.ts';
import { CompletionList } from './completion-list.tsx';
import { ExpressionPreview } from './expression-preview.tsx';
import { useCompletions } from './use-completions.ts';
import './expression-field.css';

interface ExpressionFieldProps {
  id: string;
  testId: string;
  kind: 'expression' | 'template';
  path: readonly (string | number)[];
  text: string;
  placeholder: string | undefined;
  invalid: boolean;
  onText: (text: string) => void;
}

/**
 * A JSONata expression or `{{ }}` template field of the inspected node: completions of what reaches this node (its
 * input's fields, run inputs, ports, functions) opened by `$`, `.`, `{{` or Ctrl+Space, a live preview against the
 * last run's or pinned data, and the field's design-time problems.
 */
export function ExpressionField(props: ExpressionFieldProps) {
  const nodeId = useEditor(selectInspectedNodeId);
  return nodeId === undefined ? null : <NodeExpressionField {...props} nodeId={nodeId} />;
}

function NodeExpressionField({
  id,
  testId,
  kind,
  path,
  text,
  placeholder,
  invalid,
  onText,
  nodeId,
}: ExpressionFieldProps & { nodeId: string }) {
  const listId = useId();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const data = useExpressionData(nodeId);
  const completions = useCompletions(textarea, kind, data.sources, onText);
  const [position, setPosition] = useState({ left: 0, top: 0 });
  const problems = useEditor(useShallow((s) => fieldProblems(s.ui.problems, nodeId, path)));

  const place = (element: HTMLTextAreaElement) => {
    const caret = caretCoordinates(element, element.selectionStart);
    const width = element.offsetWidth;
    setPosition({ left: Math.max(0, Math.min(caret.left, width - 260)), top: caret.top + caret.height + 4 });
  };

  const changed = (event: ChangeEvent<HTMLTextAreaElement>) => {
    const element = event.currentTarget;
    const native = event.nativeEvent as InputEvent;
    onText(element.value);
    completions.typed(element.value, element.selectionStart, native.inputType?.startsWith('insert') ? (native.data ?? '') : null);
    place(element);
  };

  const open = completions.open;
  return (
    <>
      <div className="expression-field">
        <textarea
          ref={textarea}
          id={id}
          data-testid={testId}
          className={kind === 'expression' ? 'code expression-input' : 'expression-input'}
          rows={kind === 'expression' ? 2 : 3}
          spellCheck={false}
          value={text}
          placeholder={placeholder}
          aria-invalid={invalid || problems.length > 0}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={open !== undefined}
          aria-controls={listId}
          aria-activedescendant={open === undefined ? undefined : `${listId}-${completions.active}`}
          onChange={changed}
          onKeyDown={(event) => {
            if (event.key === ' ' && event.ctrlKey) place(event.currentTarget);
            if (completions.keyDown(event)) {
              event.preventDefault();
              event.stopPropagation();
            }
          }}
          onBlur={completions.close}
        />
        {open !== undefined && (
          <CompletionList
            id={listId}
            items={open.items}
            active={completions.active}
            position={position}
            onPick={completions.accept}
            onHover={completions.setActive}
          />
        )}
      </div>
      {problems.length > 0 && (
        <ul className="expression-problems" data-testid={expressionProblemsId(path)}>
          {problems.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
      <ExpressionPreview path={path} kind={kind} text={text} data={data.preview} />
    </>
  );
}

/** The messages of problems on this field of this node (validation paths end in `.config.<field path>`). */
function fieldProblems(problems: readonly Problem[], nodeId: string, path: readonly (string | number)[]): string[] {
  const suffix = `.config.${path.join('.')}`;
  // Beside the field, the node's name is said already.
  return problems
    .filter((p) => p.nodeId === nodeId && p.path?.endsWith(suffix) === true)
    .map((p) => `${p.code}: ${p.message.replace(/^node "[^"]*": /, '')}`);
}
