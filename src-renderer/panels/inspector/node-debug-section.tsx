import { useState } from 'react';
import { DEBUG_IDS } from '../../test-ids.ts';
import { useEditor, useEditorSession, useRunSession } from '../../session/editor-context.ts';
import { PinOutput } from './pin-output.tsx';
import { useHasBreakpoint, useToggleBreakpoint } from '../../session/debug/use-breakpoints.ts';
import { usePastRuns } from '../../session/debug/use-past-runs.ts';
import '../../styles/debug.css';
import { useDockStore } from '../../session/workspace-context.ts';

/** The selected node's debugging: its breakpoint, run to / from here (reusing a past run upstream), and its pinned output. */
export function NodeDebugSection({ nodeId }: { nodeId: string }) {
  const { workflowId, run } = useEditorSession();
  const breakpoint = useHasBreakpoint(workflowId, nodeId);
  const toggleBreakpoint = useToggleBreakpoint();
  const showBottom = useDockStore((s) => s.showBottom);
  const busy = useRunSession((s) => s.busy);
  const canvasRunId = useEditor((s) => s.run.runId);
  const pastRuns = usePastRuns(workflowId);
  const [pastRun, setPastRun] = useState('');
  const start = (options: { to: string } | { from: string; fromRunId?: string }) => {
    showBottom('run');
    void run.getState().actions.start(options);
  };

  return (
    <section className="node-debug" data-testid={DEBUG_IDS.nodeDebug} aria-label="Debug this node">
      <h3>Debug</h3>
      <div className="node-debug-row">
        <button
          type="button"
          data-testid={DEBUG_IDS.breakpointToggle}
          aria-pressed={breakpoint}
          title="A debug run pauses before this node (F9)"
          onClick={() => toggleBreakpoint(workflowId, nodeId)}
        >
          {breakpoint ? 'Remove breakpoint' : 'Set breakpoint'}
        </button>
        <kbd>F9</kbd>
      </div>
      <div className="node-debug-row">
        <button
          type="button"
          data-testid={DEBUG_IDS.runToHere}
          disabled={busy}
          title="Run only this node and what it depends on"
          onClick={() => start({ to: nodeId })}
        >
          Run to here
        </button>
        <button
          type="button"
          data-testid={DEBUG_IDS.runFromHere}
          disabled={busy}
          title="Run this node and everything downstream again, reusing the chosen run's outputs upstream"
          onClick={() => start(pastRun === '' ? { from: nodeId } : { from: nodeId, fromRunId: pastRun })}
        >
          Run from here
        </button>
      </div>
      <div className="field">
        <label htmlFor="past-run">Run from here reuses</label>
        <select
          id="past-run"
          data-testid={DEBUG_IDS.pastRunSelect}
          value={pastRun}
          onChange={(event) => setPastRun(event.currentTarget.value)}
        >
          <option value="">{canvasRunId === null ? 'the latest run' : `the run on the canvas (${canvasRunId})`}</option>
          {pastRuns.map((past) => (
            <option key={past.runId} value={past.runId}>
              {past.runId} · {past.status} · {new Date(past.startedAt).toLocaleString()}
            </option>
          ))}
        </select>
      </div>
      <PinOutput nodeId={nodeId} />
    </section>
  );
}
