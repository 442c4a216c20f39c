import type { EventOf } from '../../../src-shared/engine/events.ts';
import { VIEWER_IDS } from '../../test-ids.ts';
import { InlineValue } from '../../kit/inline-value.tsx';
import { formatDuration } from '../../kit/run-labels.ts';
import { ValueView } from '../../kit/value-view.tsx';
import { TraceSection } from './trace-section.tsx';

/** Each tool call an agent made: arguments, result or error, and a person's approval when it needed one. */
export function TraceToolCalls({ runId, calls }: { runId: string; calls: readonly EventOf<'node.tool'>[] }) {
  if (calls.length === 0) return null;
  return (
    <TraceSection title="Tool calls" count={calls.length}>
      <ol className="trace-list">
        {calls.map((call) => (
          <li key={`${call.toolCallId}-${call.seq}`} data-testid={VIEWER_IDS.traceToolCall}>
            <p>
              <strong>{call.tool}</strong> <span className="muted">· {formatDuration(call.durationMs)}</span>
              {call.approval !== undefined && (
                <span className="muted">
                  {' '}
                  · {call.approval.decision} by {call.approval.by}
                  {call.approval.comment !== undefined && ` ("${call.approval.comment}")`}
                </span>
              )}
            </p>
            <span className="value-key">arguments</span>
            <ValueView runId={runId} value={call.arguments} />
            {call.error !== undefined ? (
              <p className="error">{call.error}</p>
            ) : (
              <>
                <span className="value-key">result</span>
                <ValueView runId={runId} value={call.result} />
              </>
            )}
          </li>
        ))}
      </ol>
    </TraceSection>
  );
}

/** Each memory operation: what was asked, and every record retrieved with its score and where it came from. */
export function TraceMemory({ runId, ops }: { runId: string; ops: readonly EventOf<'node.memory'>[] }) {
  if (ops.length === 0) return null;
  return (
    <TraceSection title="Memory" count={ops.length}>
      <ol className="trace-list">
        {ops.map((op) => (
          <li key={op.seq} data-testid={VIEWER_IDS.traceMemoryOp}>
            <p>
              <strong>{op.op}</strong>{' '}
              <span className="muted">
                · {op.count} record{op.count === 1 ? '' : 's'} · {formatDuration(op.durationMs)}
              </span>
            </p>
            <span className="value-key">request</span>
            <ValueView runId={runId} value={op.request} />
            {op.results !== undefined && op.results.length > 0 && (
              <table className="trace-table">
                <thead>
                  <tr>
                    <th>Score</th>
                    <th>Record</th>
                    <th>From</th>
                  </tr>
                </thead>
                <tbody>
                  {op.results.map((result) => (
                    <tr key={`${result.collection}/${result.id}`}>
                      <td>{result.score === null ? '–' : result.score.toFixed(3)}</td>
                      <td>
                        <span className="muted">
                          {result.collection}/{result.id}
                        </span>
                        <InlineValue text={result.text} />
                      </td>
                      <td className="muted">
                        {[result.source.workflowId, result.source.runId && `run ${result.source.runId}`, result.source.nodeId]
                          .filter((part) => part !== undefined && part !== '')
                          .join(' · ') || '–'}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </li>
        ))}
      </ol>
    </TraceSection>
  );
}
