import type { NodeStatus } from '../../../src-shared/engine/events.ts';
import { Maximize2 } from 'lucide-react';
import { ROOM_IDS, VIEWER_IDS } from '../../test-ids.ts';
import { useNodeTrace, type NodeTraceState } from '../../session/trace/use-node-trace.ts';
import { ComparePorts, type ComparedSide } from './compare-ports.tsx';
import { useNodeLabel } from '../../session/node-labels.ts';

/**
 * One node's inputs and outputs in run A and in run B (one `runs.trace` call per run): port by port, the paths where
 * the values differ above both values side by side.
 */
export function CompareDetail({
  a,
  b,
  nodeId,
  onOpenLarge,
}: {
  a: string;
  b: string;
  nodeId: string;
  onOpenLarge: (nodeId: string) => void;
}) {
  const traceA = useNodeTrace(a, nodeId);
  const traceB = useNodeTrace(b, nodeId);
  const label = useNodeLabel(nodeId);
  const side = (name: 'a' | 'b', runId: string, state: NodeTraceState, which: 'inputs' | 'outputs'): ComparedSide => ({
    side: name,
    runId,
    values: state.events.length === 0 ? undefined : state.trace?.[which],
  });
  return (
    <div className="compare-detail" data-testid={VIEWER_IDS.compareDetail}>
      <div className="compare-detail-head">
        <h3>
          <span title={nodeId}>{label}</span> in both runs
        </h3>
        <button
          type="button"
          className="small icon-text"
          data-testid={ROOM_IDS.compareDetailOpen}
          title="Open inputs, config and outputs of both runs side by side, at full size"
          onClick={() => onOpenLarge(nodeId)}
        >
          <Maximize2 size={12} aria-hidden="true" /> Open large
        </button>
      </div>
      <div className="compare-sides">
        <RunHead label="A" runId={a} state={traceA} testId={VIEWER_IDS.compareSideA} />
        <RunHead label="B" runId={b} state={traceB} testId={VIEWER_IDS.compareSideB} />
      </div>
      {(['inputs', 'outputs'] as const).map((which) => (
        <ComparePorts
          key={which}
          title={which === 'inputs' ? 'Inputs' : 'Outputs'}
          which={which}
          a={side('a', a, traceA, which)}
          b={side('b', b, traceB, which)}
        />
      ))}
    </div>
  );
}

/** A run's label, id and the node's status there, and whether it ran or failed. */
function RunHead({ label, runId, state, testId }: { label: string; runId: string; state: NodeTraceState; testId: string }) {
  const { trace, events, error, loading } = state;
  const status: NodeStatus = trace?.row?.status ?? 'pending';
  return (
    <div className="compare-side" data-testid={testId}>
      <p>
        <strong>{label}</strong> <code>{runId}</code> <span className={`status-badge status-${status}`}>{status}</span>
      </p>
      {error !== undefined && <p className="error">{error}</p>}
      {trace === undefined
        ? loading && <p className="muted">Loading…</p>
        : events.length === 0 && <p className="muted">Not reached in this run.</p>}
      {trace?.failure !== undefined && (
        <p className="error">
          {trace.failure.error.code}: {trace.failure.error.message}
        </p>
      )}
    </div>
  );
}
