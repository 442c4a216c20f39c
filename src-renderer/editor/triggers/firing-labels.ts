import type { Activation, Firing, FiringOutcome } from '../../../src-shared/triggers/service-schemas.ts';

/** An outcome in words and the tone it is drawn in. */
export const OUTCOMES: Readonly<Record<FiringOutcome, { label: string; tone: 'good' | 'waiting' | 'muted' | 'bad' }>> = {
  started: { label: 'started', tone: 'good' },
  queued: { label: 'queued', tone: 'waiting' },
  skipped: { label: 'skipped', tone: 'muted' },
  refused: { label: 'refused', tone: 'bad' },
  failed: { label: 'failed', tone: 'bad' },
};

/** "0 B", "812 B", "3.4 KB", "1.2 MB". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '–';
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * Adds a firing to a log kept newest first: a queued firing's later line (same id, its run started) replaces the
 * first in place; a line already there is not added twice (several views may hear one event).
 */
export function withFiring(log: readonly Firing[], firing: Firing, limit: number): Firing[] {
  const at = log.findIndex((f) => f.id === firing.id);
  if (at >= 0) return log.map((f, i) => (i === at ? firing : f));
  const next = [firing, ...log].sort((a, b) => b.at - a.at);
  return next.slice(0, limit);
}

/** What an active workflow listens for, in a few words per trigger ("webhook /hooks/…", "next 09:00", "folder inbox"). */
export function listeningSummary(activation: Activation, formatTime: (at: number) => string): string[] {
  return activation.triggers.map((trigger) => {
    if (trigger.problem !== undefined) return `${trigger.label}: ${trigger.problem}`;
    if (trigger.next !== undefined) return `${trigger.label}: next ${formatTime(trigger.next)}`;
    if (trigger.path !== undefined) return `${trigger.label}: ${trigger.path}`;
    if (trigger.folder !== undefined) return `${trigger.label}: folder ${trigger.folder === '' ? '(the files folder)' : trigger.folder}`;
    return trigger.label;
  });
}
