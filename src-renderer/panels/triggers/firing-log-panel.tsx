import type { Firing } from '../../../src-shared/triggers/service-schemas.ts';
import { formatBytes, OUTCOMES } from '../../editor/triggers/firing-labels.ts';
import { formatDateTime } from '../../kit/run-labels.ts';
import { TriggerKindBadge } from '../../kit/trigger-kind-badge.tsx';
import { useOpenRun } from '../../session/shown-run/use-open-run.ts';
import { useTriggerStore } from '../../session/triggers/use-activation.ts';
import { useTriggerFeed } from '../../session/triggers/use-trigger-feed.ts';
import { useWorkflowChoices } from '../../session/triggers/use-workflow-choices.ts';
import { firingRowId, TRIGGER_IDS } from '../../test-ids.ts';
import './firings.css';

/**
 * The workspace's firing log, newest first and live: every time a trigger fired, which workflow and trigger, the
 * payload's size, and what came of it: the run it started (click to open it, as in History) or why none started.
 * A tab of its own rather than a part of History: a firing that was skipped or refused has no run to list there.
 */
export function FiringLogPanel() {
  useTriggerFeed();
  const firings = useTriggerStore((s) => s.firings);
  const error = useTriggerStore((s) => s.error);
  const loaded = useTriggerStore((s) => s.loaded);
  const activations = useTriggerStore((s) => s.activations);
  const { workflows } = useWorkflowChoices();
  const openRun = useOpenRun();
  const nameOf = (id: string) => workflows.find((w) => w.id === id)?.name ?? id;
  const triggerLabel = (firing: Firing) => activations.get(firing.workflowId)?.triggers.find((t) => t.nodeId === firing.nodeId)?.label;

  return (
    <section className="panel firing-log-panel">
      {error !== undefined && <p className="error">Could not read the firing log: {error}</p>}
      {loaded && error === undefined && firings.length === 0 && (
        <p className="muted">No trigger has fired yet. Activate a workflow with a schedule, webhook or file trigger to start.</p>
      )}
      {firings.length > 0 && (
        <table className="firing-table">
          <thead>
            <tr>
              <th>Time</th>
              <th>Workflow</th>
              <th>Trigger</th>
              <th>Payload</th>
              <th>Outcome</th>
              <th>Run or reason</th>
            </tr>
          </thead>
          <tbody data-testid={TRIGGER_IDS.firingLog}>
            {firings.map((firing) => {
              const outcome = OUTCOMES[firing.outcome];
              const runId = firing.runId;
              return (
                <tr key={firing.id} data-testid={firingRowId(firing.id)} data-outcome={firing.outcome}>
                  <td className="nowrap">{formatDateTime(firing.at).slice(0, 19)}</td>
                  <td>{nameOf(firing.workflowId)}</td>
                  <td className="nowrap">
                    <TriggerKindBadge type={firing.kind} title={`A ${firing.kind} trigger`} /> <span>{triggerLabel(firing) ?? ''}</span>
                  </td>
                  <td className="nowrap">{formatBytes(firing.payloadBytes)}</td>
                  <td className="nowrap">
                    <span className={`outcome tone-${outcome.tone}`}>{outcome.label}</span>
                  </td>
                  <td>
                    {runId !== undefined ? (
                      <button
                        type="button"
                        className="link-button"
                        title="Open this run on the canvas"
                        onClick={() => void openRun({ runId, workflowId: firing.workflowId })}
                      >
                        <code>{runId}</code>
                      </button>
                    ) : (
                      <span className={outcome.tone === 'bad' ? 'error' : 'muted'}>
                        {firing.reason ?? (firing.outcome === 'queued' ? 'waiting for a free place' : '')}
                        {firing.code !== undefined && <code> {firing.code}</code>}
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
