import type { Activation } from '../../../src-shared/triggers/service-schemas.ts';
import { listeningSummary } from '../../editor/triggers/firing-labels.ts';
import { formatShort } from '../../editor/triggers/schedule-preview.ts';
import { Switch } from '../../kit/switch.tsx';
import type { ActivationResult } from '../../session/triggers/trigger-store.ts';
import { activationSwitchId, listeningId, TRIGGER_IDS } from '../../test-ids.ts';
import './activation.css';

const viewerZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** A refused activation: why, with the workflow's problems in words. */
export interface Refusal {
  workflowId: string;
  result: Extract<ActivationResult, { ok: false }>;
}

/** A workflow's Active switch (its triggers listen only while on). */
export function ActivationSwitch({
  name,
  activation,
  busy,
  withText = false,
  testId,
  onToggle,
  notAllowed,
}: {
  name: string;
  activation: Activation;
  busy: boolean;
  withText?: boolean;
  testId?: string;
  onToggle: (active: boolean) => void;
  /** Why this person may not switch it (their role): the switch is disabled with this as its tooltip. */
  notAllowed?: string | undefined;
}) {
  const on = activation.active;
  return (
    <Switch
      checked={on}
      busy={busy}
      disabled={notAllowed !== undefined}
      label={`${on ? 'Deactivate' : 'Activate'} ${name}`}
      title={
        notAllowed ??
        (on ? 'Active: its triggers start runs. Click to deactivate.' : 'Inactive: its triggers do not listen. Click to activate.')
      }
      {...(withText ? { text: on ? 'Active' : 'Inactive' } : {})}
      testId={testId ?? activationSwitchId(activation.workflowId)}
      onChange={onToggle}
    />
  );
}

/** Under an active workflow: what its triggers listen for, and its triggered runs going on and waiting. */
export function ListeningLines({ activation }: { activation: Activation }) {
  if (!activation.active) return null;
  const lines = listeningSummary(activation, (at) => formatShort(at, viewerZone()));
  const counts = [
    activation.running > 0 ? `${activation.running} running` : undefined,
    activation.queued > 0 ? `${activation.queued} queued` : undefined,
  ].filter((part) => part !== undefined);
  return (
    <ul className="listening" data-testid={listeningId(activation.workflowId)}>
      {lines.map((line, i) => (
        <li key={i} className={activation.triggers[i]?.problem === undefined ? undefined : 'error'} title={line}>
          {line}
        </li>
      ))}
      {counts.length > 0 && <li className="listening-runs">{counts.join(' · ')}</li>}
      {lines.length === 0 && <li>No trigger listening</li>}
    </ul>
  );
}

/** Why an activation was refused, with the problems to fix; dismissable. */
export function RefusalNote({ refusal, onDismiss }: { refusal: Refusal['result']; onDismiss: () => void }) {
  return (
    <div className="activation-refusal" role="alert" data-testid={TRIGGER_IDS.activationProblems}>
      <p>
        Not activated: {refusal.message}
        <button type="button" className="small" onClick={onDismiss} aria-label="Dismiss">
          ×
        </button>
      </p>
      {refusal.problems.length > 0 && (
        <ul>
          {refusal.problems.map((problem, i) => (
            <li key={i}>{problem}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
