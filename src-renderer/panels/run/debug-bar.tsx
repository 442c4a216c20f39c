import { DEBUG_IDS } from '../../test-ids.ts';
import { useEditorSession, useRunSession } from '../../session/editor-context.ts';
import { useNodeLabeler } from '../../session/node-labels.ts';
import { parseJson } from '../../editor/forms/index.ts';
import { ValueField } from '../../kit/value-field.tsx';
import '../../styles/debug.css';

const WHY = { breakpoint: 'breakpoint', step: 'stepping' } as const;

/** A paused debug run: the held node, why it is held, its inputs (editable: a manual override), Step, Continue and Cancel. */
export function DebugBar() {
  const { run } = useEditorSession();
  const held = useRunSession((s) => s.held);
  const labelOf = useNodeLabeler();
  if (held === undefined) return null;
  const actions = run.getState().actions;
  const usable = held.error === undefined;

  return (
    <div className="debug-bar" data-testid={DEBUG_IDS.debugBar} role="group" aria-label="Paused debug run">
      <p className="debug-bar-title">
        Paused before{' '}
        <strong data-testid={DEBUG_IDS.pausedNode} data-node-id={held.nodeId} title={held.nodeId}>
          {labelOf(held.nodeId)}
        </strong>{' '}
        <span className="muted">
          (<span data-testid={DEBUG_IDS.pauseReason}>{WHY[held.reason]}</span>)
        </span>
      </p>
      <ValueField
        label="Its inputs (edit to override; the run log records the edit)"
        name="Held inputs"
        testId={DEBUG_IDS.heldInputs}
        value={heldValue(held.text, held.inputs)}
        onChange={(value) => actions.setHeldInputs(JSON.stringify(value, null, 2))}
        check={(value) => (typeof value === 'object' && value !== null && !Array.isArray(value) ? undefined : 'inputs are a JSON object')}
        rows={5}
      />
      <div className="debug-bar-buttons">
        <button
          type="button"
          className="primary"
          data-testid={DEBUG_IDS.stepButton}
          disabled={!usable}
          title="Run this node, then pause before the next (F10)"
          onClick={() => void actions.resume('step')}
        >
          Step
        </button>
        <button
          type="button"
          data-testid={DEBUG_IDS.continueButton}
          disabled={!usable}
          title="Run on to the next breakpoint (F8)"
          onClick={() => void actions.resume('continue')}
        >
          Continue
        </button>
        <button type="button" data-testid={DEBUG_IDS.cancelButton} onClick={() => void actions.cancel()}>
          Cancel run
        </button>
      </div>
    </div>
  );
}

/** The held inputs as last edited (their text is always valid JSON once edited here), else as the run paused with them. */
function heldValue(text: string, inputs: Record<string, unknown>): unknown {
  const parsed = parseJson(text);
  return parsed.ok ? parsed.value : inputs;
}
