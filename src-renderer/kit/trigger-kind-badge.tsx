import { triggerKind } from '../editor/triggers/trigger-kinds.ts';
import { TRIGGER_IDS } from '../test-ids.ts';
import { NodeIcon } from './node-icon.tsx';
import './trigger-kind-badge.css';

/** What started a run, as a small icon and word: manual, API, schedule, webhook, file, workflow, error. */
export function TriggerKindBadge({ type, title }: { type: string; title?: string }) {
  const kind = triggerKind(type);
  return (
    <span className="trigger-kind" data-testid={TRIGGER_IDS.runTrigger} data-kind={type} title={title ?? `Started by ${kind.label}`}>
      <NodeIcon name={kind.icon} size={12} />
      {kind.label}
    </span>
  );
}
