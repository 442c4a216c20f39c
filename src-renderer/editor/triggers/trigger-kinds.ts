import { TRIGGER_KINDS } from '../../../src-shared/triggers/service-schemas.ts';

/** How a run's `trigger.type` reads in History and the firing log, with the node icon it is drawn with. */
const KINDS: Readonly<Record<string, { label: string; icon: string }>> = {
  manual: { label: 'manual', icon: 'play' },
  api: { label: 'API', icon: 'globe' },
  'sub-workflow': { label: 'sub-workflow', icon: 'workflow' },
  schedule: { label: 'schedule', icon: 'clock' },
  webhook: { label: 'webhook', icon: 'webhook' },
  file: { label: 'file', icon: 'folder-input' },
  workflow: { label: 'workflow', icon: 'git-branch' },
  error: { label: 'error', icon: 'triangle-alert' },
};

/** A trigger kind's label and icon; an unknown kind reads as itself. */
export function triggerKind(type: string): { label: string; icon: string } {
  return Object.hasOwn(KINDS, type) ? KINDS[type]! : { label: type, icon: 'play' };
}

/** The service trigger kind of a node type (`core.webhook-trigger` → webhook), or undefined for other types. */
export function serviceTriggerKind(nodeType: string): string | undefined {
  return Object.hasOwn(TRIGGER_KINDS, nodeType) ? TRIGGER_KINDS[nodeType as keyof typeof TRIGGER_KINDS] : undefined;
}

/** Whether a workflow has a trigger the service listens for (only such a workflow can be activated). */
export function hasServiceTrigger(nodeTypes: Iterable<string>): boolean {
  for (const type of nodeTypes) if (serviceTriggerKind(type) !== undefined) return true;
  return false;
}
