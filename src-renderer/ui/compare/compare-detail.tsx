import type { NodeStatus } from '../../../src-shared/engine/events.ts';
import { VIEWER_IDS } from '../../test-ids.ts';
import { PortValues } from '../run-viewer/value-view.tsx';
import { useNodeTrace } from '../trace/use-node-trace.ts';

/** One node's inputs and outputs in run A and in run B, side by side (one `runs.trace` call per run). */
export function CompareDetail({ a, b, nodeId }: { a: string; b: string; nodeId: string }) {
  return (
    <div className="compare-detail" data-testid={VIEWER_IDS.compareDetail}>
      <h3>
        <code>{nodeId}</code> in both runs
      </h3>
      <div className="compare-sides">
        <RunSide label="A" runId={a} nodeId={nodeId} testId={VIEWER_IDS.compareSideA} />
        <RunSide label="B" runId={b} nodeId={nodeId} testId={VIEWER_IDS.compareSideB} />
      </div>
    </div>
  );
}

function RunSide({ label, runId, nodeId, testId }: { label: string; runId: string; nodeId: string; testId: string }) {
  const { trace, events, error, loading } = useNodeTrace(runId, nodeId);
  const status: NodeStatus = trace?.row?.status ?? 'pending';
  return (
    <div className="compare-side" data-testid={testId}>
      <p>
        <strong>{label}</strong> <code>{runId}</code> <span className={`status-badge status-${status}`}>{status}</span>
      </p>
      {error !== undefined && <p className="error">{error}</p>}
      {trace === undefined ? (
        loading && <p className="muted">Loading…</p>
      ) : events.length === 0 ? (
        <p className="muted">Not reached in this run.</p>
      ) : (
        <>
          <h3>Inputs</h3>
          <PortValues runId={runId} values={trace.inputs} testId={VIEWER_IDS.traceInputs} />
          <h3>Outputs</h3>
          <PortValues runId={runId} values={trace.outputs} testId={VIEWER_IDS.traceOutputs} />
          {trace.failure !== undefined && (
            <p className="error">
              {trace.failure.error.code}: {trace.failure.error.message}
            </p>
          )}
        </>
      )}
    </div>
  );
}
