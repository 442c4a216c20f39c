import './node-detail.css';
import { X } from 'lucide-react';
import type { ReactNode } from 'react';
import { createPortal } from 'react-dom';
import type { NodeStatus } from '../../../src-shared/engine/events.ts';
import { ROOM_IDS } from '../../test-ids.ts';
import { ModalDialog } from '../modal-dialog.tsx';
import { PortValues } from '../value-view.tsx';
import { ConfigValues } from './config-values.tsx';

/** One run's side of the view: what the node got and gave there. */
export interface NodeDetailRun {
  /** `A`, `B` when two runs are compared; none for one run. */
  label?: string;
  runId: string;
  /** Undefined while loading, or where the node did not run. */
  inputs: Record<string, unknown> | undefined;
  outputs: Record<string, unknown> | undefined;
  status?: NodeStatus;
  /** Loading…, not reached, its error. */
  note?: ReactNode;
}

/**
 * A node's run at full size: inputs | config | outputs in three columns that scroll on their own, values in the kit's
 * value views (long ones truncated with "Show all", large ones fetched on demand). With two runs (Compare), each
 * column shows run A's value above run B's. Escape, the close button or a click outside closes it; focus moves into
 * it when it opens.
 */
export function NodeDetailDialog({
  title,
  subtitle,
  runs,
  config,
  configNote,
  onClose,
}: {
  title: string;
  subtitle?: ReactNode;
  runs: readonly NodeDetailRun[];
  config: Record<string, unknown> | undefined;
  configNote: string;
  onClose: () => void;
}) {
  // Over the whole window, outside the panel that opened it (whose styles would otherwise reach in).
  return createPortal(
    <ModalDialog label={`${title}: inputs, config and outputs`} className="node-detail" testId={ROOM_IDS.nodeDetail} onClose={onClose}>
      <header className="node-detail-head">
        <div className="node-detail-title">
          <h1 title={title}>{title}</h1>
          {subtitle !== undefined && <p className="muted">{subtitle}</p>}
        </div>
        <button
          type="button"
          className="icon-button"
          aria-label="Close (Escape)"
          title="Close (Escape)"
          data-testid={ROOM_IDS.nodeDetailClose}
          autoFocus
          onClick={onClose}
        >
          <X size={18} aria-hidden="true" />
        </button>
      </header>
      <div className="node-detail-columns">
        <section className="node-detail-column" data-testid={ROOM_IDS.nodeDetailInputs} aria-label="Inputs">
          <h2>Inputs</h2>
          {runs.map((run) => (
            <RunValues key={run.runId} run={run} values={run.inputs} />
          ))}
        </section>
        <section className="node-detail-column" data-testid={ROOM_IDS.nodeDetailConfig} aria-label="Config">
          <h2>Config</h2>
          <p className="muted node-detail-note">{configNote}</p>
          {config === undefined ? <p className="muted">Not in the open workflow.</p> : <ConfigValues config={config} />}
        </section>
        <section className="node-detail-column" data-testid={ROOM_IDS.nodeDetailOutputs} aria-label="Outputs">
          <h2>Outputs</h2>
          {runs.map((run) => (
            <RunValues key={run.runId} run={run} values={run.outputs} />
          ))}
        </section>
      </div>
    </ModalDialog>,
    document.body,
  );
}

function RunValues({ run, values }: { run: NodeDetailRun; values: Record<string, unknown> | undefined }) {
  return (
    <div className="node-detail-run" data-run={run.label ?? 'run'}>
      {run.label !== undefined && (
        <h3>
          Run {run.label} {run.status !== undefined && <span className={`status-badge status-${run.status}`}>{run.status}</span>}
        </h3>
      )}
      {run.note !== undefined && <div className="muted">{run.note}</div>}
      <PortValues runId={run.runId} values={values} />
    </div>
  );
}
