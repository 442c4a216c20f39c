import './compare.css';
import { useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { NodeDiff } from '../../../src-shared/run-log/compare-runs-schema.ts';
import type { RunListEntry } from '../../../src-shared/api/schemas.ts';
import { compareRowId, compareRowOpenId, VIEWER_IDS } from '../../test-ids.ts';
import { useEditorSession } from '../../session/editor-context.ts';
import { DEFAULT_FILTER } from '../../session/history/history-query.ts';
import { useRunHistory } from '../../session/history/use-run-history.ts';
import { formatDateTime } from '../../kit/run-labels.ts';
import { useOpenRun } from '../../session/shown-run/use-open-run.ts';
import { VirtualRows } from '../../kit/virtual-rows.tsx';
import { Maximize2 } from 'lucide-react';
import { CompareDetail } from './compare-detail.tsx';
import { CompareNodeDetail } from './compare-node-detail.tsx';
import { defaultPair, nodeDiffers, summarize } from './compare-rows.ts';
import { useComparison } from '../../session/compare/use-comparison.ts';
import { useCompareStore, useWorkspaceStores } from '../../session/workspace-context.ts';
import { useNodeLabel } from '../../session/node-labels.ts';

const ROW_HEIGHT = 24;
const RUN_CHOICES = { ...DEFAULT_FILTER, limit: 100 };

/** Two runs of a workflow: which nodes' statuses, inputs or outputs differ; select a node to see both runs' values. */
export function CompareRunsPanel() {
  const stores = useWorkspaceStores();
  const { store, workflowId: openWorkflow } = useEditorSession();
  const chosen = useCompareStore(useShallow((s) => ({ workflowId: s.workflowId, a: s.a, b: s.b, nodeId: s.nodeId })));
  const workflowId = chosen.workflowId === '' ? openWorkflow : chosen.workflowId;
  const { runs } = useRunHistory(RUN_CHOICES, workflowId);
  const fallback = useMemo(() => defaultPair(runs ?? []), [runs]);
  const a = chosen.workflowId === workflowId && chosen.a !== undefined ? chosen.a : fallback.a;
  const b = chosen.workflowId === workflowId && chosen.b !== undefined ? chosen.b : fallback.b;
  const { result, error } = useComparison(a, b);
  const [onlyChanged, setOnlyChanged] = useState(false);
  const openRun = useOpenRun();

  const nodes = useMemo(
    () => (result === undefined ? [] : onlyChanged ? result.nodes.filter(nodeDiffers) : result.nodes),
    [result, onlyChanged],
  );
  const summary = useMemo(() => (result === undefined ? undefined : summarize(result.nodes)), [result]);
  const choose = (patch: { a?: string; b?: string }) => stores.compare.getState().choose({ workflowId, a, b, ...patch });
  const selectNode = (nodeId: string) => {
    stores.compare.getState().setNode(nodeId);
    if (store.getState().graph.nodes.some((node) => node.id === nodeId)) store.getState().actions.select({ nodeIds: [nodeId] });
  };
  const [large, setLarge] = useState<string>();
  const openLarge = (nodeId: string) => {
    selectNode(nodeId);
    setLarge(nodeId);
  };
  const selectedIndex = nodes.findIndex((node) => node.nodeId === chosen.nodeId);

  return (
    <section className="panel compare-panel" data-testid={VIEWER_IDS.comparePanel}>
      <div className="compare-head">
        <RunChoice label="A" runs={runs ?? []} value={a} testId={VIEWER_IDS.compareRunA} onChange={(runId) => choose({ a: runId })} />
        <button
          type="button"
          className="small"
          title="Swap A and B"
          disabled={a === undefined || b === undefined}
          onClick={() => choose({ a: b, b: a })}
        >
          ⇄
        </button>
        <RunChoice label="B" runs={runs ?? []} value={b} testId={VIEWER_IDS.compareRunB} onChange={(runId) => choose({ b: runId })} />
        <label>
          <input
            type="checkbox"
            data-testid={VIEWER_IDS.compareOnlyChanged}
            checked={onlyChanged}
            onChange={() => setOnlyChanged(!onlyChanged)}
          />{' '}
          Only differences
        </label>
        {a !== undefined && b !== undefined && (
          <span>
            Show on canvas:{' '}
            <button type="button" className="small" onClick={() => void openRun({ runId: a, workflowId })}>
              A
            </button>{' '}
            <button type="button" className="small" onClick={() => void openRun({ runId: b, workflowId })}>
              B
            </button>
          </span>
        )}
      </div>
      {(a === undefined || b === undefined) && (
        <p className="muted">Run the workflow twice (or pick two runs in History) to compare runs.</p>
      )}
      {error !== undefined && <p className="error">Could not compare: {error}</p>}
      {summary !== undefined && (
        <p className="muted" data-testid={VIEWER_IDS.compareSummary}>
          {summary.differing} of {summary.nodes} nodes differ ({summary.statuses} in status, {summary.inputs} in inputs, {summary.outputs}{' '}
          in outputs)
        </p>
      )}
      {result !== undefined && a !== undefined && b !== undefined && (
        <div className="compare-body">
          <VirtualRows
            count={nodes.length}
            rowHeight={ROW_HEIGHT}
            showIndex={selectedIndex}
            className="compare-rows"
            renderRow={(index) => {
              const node = nodes[index];
              return node === undefined ? null : (
                <CompareRow diff={node} selected={node.nodeId === chosen.nodeId} onSelect={selectNode} onOpen={openLarge} />
              );
            }}
          />
          {chosen.nodeId === undefined ? (
            <p className="muted compare-detail">Select a node to see its inputs and outputs in both runs.</p>
          ) : (
            <CompareDetail key={`${a}/${b}/${chosen.nodeId}`} a={a} b={b} nodeId={chosen.nodeId} onOpenLarge={openLarge} />
          )}
        </div>
      )}
      {large !== undefined && a !== undefined && b !== undefined && (
        <CompareNodeDetail a={a} b={b} nodeId={large} onClose={() => setLarge(undefined)} />
      )}
    </section>
  );
}

function RunChoice({
  label,
  runs,
  value,
  testId,
  onChange,
}: {
  label: string;
  runs: readonly RunListEntry[];
  value: string | undefined;
  testId: string;
  onChange: (runId: string) => void;
}) {
  const listed = runs.some((run) => run.runId === value);
  return (
    <label className="compare-choice">
      {label}{' '}
      <select data-testid={testId} value={value ?? ''} onChange={(event) => onChange(event.currentTarget.value)}>
        {value === undefined && <option value="">(no run)</option>}
        {value !== undefined && !listed && <option value={value}>{value}</option>}
        {runs.map((run) => (
          <option key={run.runId} value={run.runId}>
            {run.kind === 'run' ? `${formatDateTime(run.startedAt)} · ${run.status} · ${run.runId}` : `${run.runId} (damaged)`}
          </option>
        ))}
      </select>
    </label>
  );
}

function CompareRow({
  diff,
  selected,
  onSelect,
  onOpen,
}: {
  diff: NodeDiff;
  selected: boolean;
  onSelect: (nodeId: string) => void;
  onOpen: (nodeId: string) => void;
}) {
  const differs = nodeDiffers(diff);
  const statusDiffers = diff.statusA !== diff.statusB;
  const label = useNodeLabel(diff.nodeId);
  return (
    <div className={`compare-row-wrap${selected ? ' selected' : ''}`}>
      <button
        type="button"
        className={`compare-row${differs ? ' differs' : ''}${selected ? ' selected' : ''}`}
        data-testid={compareRowId(diff.nodeId)}
        data-differs={differs}
        data-inputs={diff.inputs}
        data-outputs={diff.outputs}
        aria-pressed={selected}
        onClick={() => onSelect(diff.nodeId)}
      >
        <TruncatedName name={label} />
        <span className={statusDiffers ? 'compare-status differs' : 'compare-status'}>
          {diff.statusA ?? '—'}
          {statusDiffers && ` → ${diff.statusB ?? '—'}`}
        </span>
        <span className="compare-marks">
          {diff.inputs !== 'same' && (
            <span className="compare-mark" title={`Inputs ${diff.inputs}`}>
              inputs
            </span>
          )}
          {diff.outputs !== 'same' && (
            <span className="compare-mark" title={`Outputs ${diff.outputs}`}>
              outputs
            </span>
          )}
        </span>
      </button>
      <button
        type="button"
        className="icon-button compare-row-open"
        data-testid={compareRowOpenId(diff.nodeId)}
        aria-label={`Open ${label} large: inputs, config and outputs in both runs`}
        title="Open large: inputs, config and outputs in both runs"
        onClick={() => onOpen(diff.nodeId)}
      >
        <Maximize2 size={12} aria-hidden="true" />
      </button>
    </div>
  );
}

/** A name cut with an ellipsis when the row is out of room; only then does hovering show it whole. */
function TruncatedName({ name }: { name: string }) {
  return (
    <span
      className="compare-node"
      onMouseEnter={(event) => {
        const span = event.currentTarget;
        span.title = span.scrollWidth > span.clientWidth ? name : '';
      }}
    >
      {name}
    </span>
  );
}
