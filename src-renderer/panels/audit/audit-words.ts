import type { AuditEntryView } from '../../../src-shared/api/access-schemas.ts';

/** Each audit action in words, in the order the filter lists them. */
export const ACTION_WORDS: Readonly<Record<string, string>> = {
  'workflow.created': 'Workflow created',
  'workflow.changed': 'Workflow changed',
  'workflow.deleted': 'Workflow deleted',
  'workflow.activated': 'Workflow activated',
  'workflow.deactivated': 'Workflow deactivated',
  'run.started': 'Run started',
  'run.cancelled': 'Run cancelled',
  'run.resumed': 'Run resumed',
  'approval.decided': 'Approval decided',
  'secret.created': 'Secret stored',
  'secret.changed': 'Secret changed',
  'secret.deleted': 'Secret deleted',
  'secret.read': 'Secret read by a run',
  'secrets.keyRotated': 'Secrets key rotated',
  'member.changed': 'Member changed',
  'token.changed': 'Token changed',
  'policy.changed': 'Policy changed',
};

export function actionWords(action: string): string {
  return ACTION_WORDS[action] ?? action;
}

/** What an entry was done to, for people: a workflow by its name, a user by name, a token by its user. */
export function targetLabel(entry: AuditEntryView, workflowName: (id: string) => string | undefined): string {
  const cut = entry.target.indexOf(':');
  const kind = cut < 0 ? entry.target : entry.target.slice(0, cut);
  const id = cut < 0 ? '' : entry.target.slice(cut + 1);
  const user = typeof entry.details?.user === 'string' ? entry.details.user : undefined;
  switch (kind) {
    case 'workflow':
      return workflowName(id) ?? `workflow ${id}`;
    case 'user':
      return id;
    case 'token':
      return user === undefined ? 'a token' : `${user}'s token`;
    case 'secret':
      return id;
    case 'run':
      return `run ${id.slice(0, 8)}`;
    default:
      return entry.target;
  }
}

/** The details in one line: "viewer → editor", "created", "revoked", or the fields as `key: value`. */
export function detailsSummary(entry: AuditEntryView): string {
  const details = entry.details ?? {};
  if (entry.action === 'member.changed') {
    const to = details.role;
    const from = details.from;
    if (to === null) return typeof from === 'string' ? `removed (was ${from})` : 'removed';
    if (typeof to !== 'string') return '';
    return typeof from === 'string' ? `${from} → ${to}` : `added as ${to}`;
  }
  if (entry.action === 'token.changed') return details.revoked === true ? 'revoked' : details.created === true ? 'created' : '';
  return Object.entries(details)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ');
}
