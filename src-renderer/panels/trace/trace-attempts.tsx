import { VIEWER_IDS } from '../../test-ids.ts';
import { formatClock, formatDuration } from '../../kit/run-labels.ts';
import { InlineValue } from '../../kit/inline-value.tsx';
import { PortValues } from '../../kit/value-view.tsx';
import type { AttemptTrace } from '../../session/trace/node-trace.ts';
import { TraceSection } from './trace-section.tsx';

/** Each attempt: when, how long, how it ended, its error with the stack, and (when retried) the inputs it had. */
export function TraceAttempts({ runId, attempts }: { runId: string; attempts: readonly AttemptTrace[] }) {
  if (attempts.length === 0) return null;
  return (
    <TraceSection title="Attempts" count={attempts.length}>
      <ol className="trace-list">
        {attempts.map((attempt) => (
          <li
            key={attempt.attempt}
            className={`trace-attempt outcome-${attempt.outcome}`}
            data-testid={VIEWER_IDS.traceAttempt}
            data-attempt={attempt.attempt}
            data-outcome={attempt.outcome}
          >
            <p>
              <strong>#{attempt.attempt}</strong> {attempt.outcome} · {formatClock(attempt.startedAt)}
              {attempt.endedAt !== undefined && ` · ${formatDuration(attempt.endedAt - attempt.startedAt)}`}
              {attempt.retryDelayMs !== undefined && <span className="muted"> · retried after {formatDuration(attempt.retryDelayMs)}</span>}
            </p>
            {attempt.error !== undefined && (
              <p className="error">
                {attempt.error.code}: {attempt.error.message}
              </p>
            )}
            {attempt.error?.stack !== undefined && (
              <details>
                <summary>Stack</summary>
                <InlineValue text={attempt.error.stack} />
              </details>
            )}
            {attempt.error?.details !== undefined && (
              <details>
                <summary>Details</summary>
                <InlineValue value={attempt.error.details} />
              </details>
            )}
            {attempts.length > 1 && (
              <details>
                <summary>Inputs of this attempt</summary>
                <PortValues runId={runId} values={attempt.inputs} />
              </details>
            )}
          </li>
        ))}
      </ol>
    </TraceSection>
  );
}
