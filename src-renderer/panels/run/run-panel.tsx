import { useShallow } from 'zustand/react/shallow';
import { selectRunStatus } from '../../editor/store/index.ts';
import { ACCESS_IDS, DEBUG_IDS, TEST_IDS } from '../../test-ids.ts';
import { DebugBar } from './debug-bar.tsx';
import { PartialRunSummary } from './partial-run-summary.tsx';
import { ApprovalItem } from './approval-item.tsx';
import { RunTotals } from './run-totals.tsx';
import './run-panel.css';
import { useEditor, useEditorSession, useRunSession } from '../../session/editor-context.ts';
import { RunInputsForm } from './run-inputs-form.tsx';
import { useNodeLabeler } from '../../session/node-labels.ts';
import { useCan } from '../../session/access/use-whoami.ts';
import { rolesThatMay } from '../../session/access/whoami-store.ts';

/** Run inputs, Run / Debug / Cancel, the watched run's status, where a debug run is paused, its outputs and the approvals it waits for. */
export function RunPanel() {
  const { run } = useEditorSession();
  const status = useEditor(selectRunStatus);
  const counts = useEditor(
    useShallow((s) => {
      const all = Object.values(s.run.nodes);
      return {
        done: all.filter((n) => n.status === 'succeeded' || n.status === 'cached' || n.status === 'reused').length,
        failed: all.filter((n) => n.status === 'failed').length,
      };
    }),
  );
  const { inputsError, outputs, approvals, error, busy, live, held, interrupted } = useRunSession(
    useShallow((s) => ({
      live: s.live,
      interrupted: s.interrupted,
      held: s.held !== undefined,
      inputsError: s.inputsError,
      outputs: s.outputs,
      approvals: s.approvals,
      error: s.error,
      busy: s.busy,
    })),
  );
  const actions = run.getState().actions;
  const labelOf = useNodeLabeler();
  const canRun = useCan('operate');
  const canApprove = useCan('approve');

  return (
    <section className="panel run-panel" data-testid={TEST_IDS.runPanel}>
      <h2>
        Run{' '}
        <span
          className={`status-badge status-${interrupted ? 'interrupted' : status}`}
          data-testid={TEST_IDS.runStatus}
          title={interrupted ? 'The engine stopped while this run was going on: Continue runs what had not finished' : undefined}
        >
          {interrupted ? 'interrupted' : status}
        </span>
        {status !== 'idle' && (
          <span className="muted">
            {' '}
            {counts.done} done{counts.failed > 0 ? `, ${counts.failed} failed` : ''}
          </span>
        )}
        <RunTotals />
      </h2>
      <div className="run-columns">
        <div className="field">
          <RunInputsForm />
          {!canRun && (
            <p className="muted" data-testid={ACCESS_IDS.runNotAllowed}>
              Running needs {rolesThatMay('operate')} role.
            </p>
          )}
          <div className="run-buttons" hidden={!canRun}>
            <button type="button" className="primary" disabled={busy || inputsError !== undefined} onClick={() => void actions.start()}>
              {busy ? 'Starting…' : 'Run with these inputs'}
            </button>
            <button
              type="button"
              data-testid={DEBUG_IDS.debugButton}
              disabled={busy || inputsError !== undefined}
              title="Run in debug mode: pause before each breakpoint (F9 sets one), or before the first node when none is set"
              onClick={() => void actions.start({ debug: true })}
            >
              Debug
            </button>
            {/* While a debug run is held, Cancel sits with Step and Continue in the debug bar. */}
            {live && !held && (
              <button type="button" data-testid={DEBUG_IDS.cancelButton} onClick={() => void actions.cancel()}>
                Cancel
              </button>
            )}
          </div>
        </div>
        <div className="run-results">
          {error !== undefined && <p className="error">{error}</p>}
          {interrupted && (
            <div className="run-interrupted">
              <p>The engine stopped while this run was going on. Continue it from where it stopped: finished nodes are not run again.</p>
              <button
                type="button"
                className="primary"
                data-testid={TEST_IDS.runContinueInterrupted}
                disabled={busy}
                onClick={() => void actions.continueInterrupted()}
              >
                Continue run
              </button>
            </div>
          )}
          <DebugBar />
          <PartialRunSummary />
          {approvals.map((approval) => (
            <ApprovalItem
              key={approval.nodeId}
              approval={approval}
              nodeLabel={labelOf(approval.nodeId)}
              notAllowed={canApprove ? undefined : `Deciding needs ${rolesThatMay('approve')} role`}
              onDecide={(decision) => void actions.decide(approval.nodeId, decision)}
            />
          ))}
          {outputs !== undefined && (
            <>
              <h3>Outputs</h3>
              <pre className="bounded-value" data-testid={TEST_IDS.runOutputs}>
                {JSON.stringify(outputs, null, 2)}
              </pre>
            </>
          )}
        </div>
      </div>
    </section>
  );
}
