import type { EventOf } from '../../../src-shared/engine/events.ts';
import { VIEWER_IDS } from '../../test-ids.ts';
import { formatClock, formatDateTime } from '../../kit/run-labels.ts';
import { PortValues, ValueView } from '../../kit/value-view.tsx';
import type { ApprovalTrace } from '../../session/trace/node-trace.ts';
import { TraceSection } from './trace-section.tsx';

/** Approvals asked for and decided (who, when, comment), debug pauses, and inputs a person overrode. */
export function TracePeople({
  runId,
  approvals,
  pauses,
  overrides,
}: {
  runId: string;
  approvals: readonly ApprovalTrace[];
  pauses: readonly EventOf<'node.paused'>[];
  overrides: readonly EventOf<'node.override'>[];
}) {
  return (
    <>
      {approvals.length > 0 && (
        <TraceSection title="Approvals" count={approvals.length}>
          <ol className="trace-list">
            {approvals.map((approval, i) => (
              <li key={i} data-testid={VIEWER_IDS.traceApproval} data-decision={approval.decision?.decision ?? 'pending'}>
                <p>
                  <strong>{approval.request.title}</strong> <span className="muted">· asked {formatClock(approval.waitingAt)}</span>
                </p>
                {approval.request.message !== '' && <p>{approval.request.message}</p>}
                {approval.request.data !== undefined && <ValueView runId={runId} value={approval.request.data} />}
                {approval.decision === undefined ? (
                  <p className="muted">Waiting for a decision.</p>
                ) : (
                  <p>
                    <strong>{approval.decision.decision}</strong> by {approval.decision.by} at {formatDateTime(approval.decision.at)}
                    {approval.decision.comment !== undefined && ` — "${approval.decision.comment}"`}
                  </p>
                )}
                {approval.decision?.value !== undefined && <ValueView runId={runId} value={approval.decision.value} />}
              </li>
            ))}
          </ol>
        </TraceSection>
      )}
      {pauses.length > 0 && (
        <TraceSection title="Debug pauses" count={pauses.length}>
          <ol className="trace-list">
            {pauses.map((pause) => (
              <li key={pause.seq}>
                Held at {formatClock(pause.ts)} ({pause.reason === 'breakpoint' ? 'a breakpoint' : 'stepping'})
              </li>
            ))}
          </ol>
        </TraceSection>
      )}
      {overrides.length > 0 && (
        <TraceSection title="Manual overrides" count={overrides.length}>
          <ol className="trace-list">
            {overrides.map((override) => (
              <li key={override.seq}>
                <p>
                  Inputs replaced by <strong>{override.by}</strong> at {formatClock(override.ts)}
                </p>
                <PortValues runId={runId} values={override.inputs} />
              </li>
            ))}
          </ol>
        </TraceSection>
      )}
    </>
  );
}
