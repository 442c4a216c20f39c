import type { EventOf } from '../../../src-shared/engine/events.ts';
import { formatClock } from '../../kit/run-labels.ts';
import { ValueView } from '../../kit/value-view.tsx';
import { TraceSection } from './trace-section.tsx';

/** The lines the node wrote to its own log. */
export function TraceLogs({ runId, logs }: { runId: string; logs: readonly EventOf<'node.log'>[] }) {
  if (logs.length === 0) return null;
  return (
    <TraceSection title="Log" count={logs.length}>
      <ol className="trace-list trace-logs">
        {logs.map((log) => (
          <li key={log.seq} className={`log-${log.level}`}>
            <span className="muted">{formatClock(log.ts)}</span> <strong>{log.level}</strong> {log.message}
            {log.data !== undefined && <ValueView runId={runId} value={log.data} />}
          </li>
        ))}
      </ol>
    </TraceSection>
  );
}
