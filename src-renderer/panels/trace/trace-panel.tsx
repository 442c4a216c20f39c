import './trace.css';
import { useState } from 'react';
import { selectInspectedNodeId } from '../../editor/store/index.ts';
import { VIEWER_IDS } from '../../test-ids.ts';
import { useEditor } from '../../session/editor-context.ts';
import { useNodeLabel } from '../../session/node-labels.ts';
import { InlineValue } from '../../kit/inline-value.tsx';
import { ShownRunBanner } from '../../kit/shown-run-banner.tsx';
import { useShownRunInfo } from '../../session/shown-run/use-shown-run-info.ts';
import { PortValues } from '../../kit/value-view.tsx';
import { TraceAttempts } from './trace-attempts.tsx';
import { TraceLlmCalls } from './trace-llm.tsx';
import { TraceLogs } from './trace-logs.tsx';
import { TracePeople } from './trace-people.tsx';
import { TraceSection } from './trace-section.tsx';
import { TraceSummary } from './trace-summary.tsx';
import { TraceNodeDetail } from './trace-node-detail.tsx';
import { TraceMemory, TraceToolCalls } from './trace-tools.tsx';
import { settledTrace } from '../../session/trace/node-trace.ts';
import { useNodeTrace } from '../../session/trace/use-node-trace.ts';

/** The raw events show this much before "Show all". */
const RAW_LIMIT = 50_000;
const RAW_LINES = 2_000;

const INPUTS_FROM = {
  attempt: 'Resolved inputs of the last attempt.',
  override: 'Inputs a person set (manual override).',
  pause: 'Inputs it would start with (held by the debugger).',
} as const;

/** What the selected node did in the run on the canvas (live or past), loaded for that node only. */
export function TracePanel() {
  const runId = useEditor((s) => s.run.runId);
  const nodeId = useEditor(selectInspectedNodeId);
  const shownRun = useShownRunInfo();
  return (
    <section className="panel trace-panel" data-testid={VIEWER_IDS.tracePanel}>
      <ShownRunBanner run={shownRun} />
      {runId === null ? (
        <p className="muted">No run on the canvas: run the workflow, or open a run from History.</p>
      ) : nodeId === undefined ? (
        <p className="muted">Select one node to see what it did in run {runId}.</p>
      ) : (
        <NodeTraceView key={`${runId}/${nodeId}`} runId={runId} nodeId={nodeId} />
      )}
    </section>
  );
}

function NodeTraceView({ runId, nodeId }: { runId: string; nodeId: string }) {
  const { events, trace, loading, error, warnings, more, loadMore } = useNodeTrace(runId, nodeId);
  const runStatus = useEditor((s) => s.run.status);
  const [raw, setRaw] = useState(false);
  const title = useNodeLabel(nodeId);

  return (
    <div className="node-trace">
      <div className="trace-header">
        <h2>
          {title} <span className="muted">· {nodeId}</span>
        </h2>
        <TraceNodeDetail runId={runId} nodeId={nodeId} title={title} trace={trace} />
        <button
          type="button"
          className="small"
          aria-pressed={raw}
          data-testid={VIEWER_IDS.traceRawToggle}
          onClick={() => setRaw((shown) => !shown)}
        >
          {raw ? 'Trace' : 'Raw JSON'}
        </button>
      </div>
      {error !== undefined && <p className="error">Could not load the trace: {error}</p>}
      {warnings.map((warning) => (
        <p key={warning} className="muted">
          {warning}
        </p>
      ))}
      {trace === undefined ? (
        loading && <p className="muted">Loading…</p>
      ) : events.length === 0 ? (
        <p className="muted">Nothing logged for this node in this run: it was not reached.</p>
      ) : raw ? (
        <div data-testid={VIEWER_IDS.traceRaw}>
          <InlineValue text={JSON.stringify(events, null, 2)} limit={RAW_LIMIT} lines={RAW_LINES} />
        </div>
      ) : (
        <>
          <TraceSummary trace={settledTrace(trace, runStatus)} />
          <TraceSection title="Inputs">
            {trace.inputsFrom !== undefined && <p className="muted">{INPUTS_FROM[trace.inputsFrom]}</p>}
            <PortValues runId={runId} values={trace.inputs} testId={VIEWER_IDS.traceInputs} />
          </TraceSection>
          <TraceSection title="Outputs">
            <PortValues runId={runId} values={trace.outputs} testId={VIEWER_IDS.traceOutputs} />
          </TraceSection>
          <TraceAttempts runId={runId} attempts={trace.attempts} />
          <TraceLlmCalls runId={runId} calls={trace.llm} />
          <TraceToolCalls runId={runId} calls={trace.tools} />
          <TraceMemory runId={runId} ops={trace.memory} />
          <TracePeople runId={runId} approvals={trace.approvals} pauses={trace.pauses} overrides={trace.overrides} />
          <TraceLogs runId={runId} logs={trace.logs} />
        </>
      )}
      {more && (
        <button type="button" data-testid={VIEWER_IDS.traceLoadMore} disabled={loading} onClick={loadMore}>
          Load more events ({events.length} loaded)
        </button>
      )}
    </div>
  );
}
