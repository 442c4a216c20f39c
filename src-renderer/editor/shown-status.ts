import type { NodeStatus } from '../../src-shared/engine/events.ts';

/** A node's status as a person reads it: the engine's status, or rejected, or interrupted (its process went away). */
export type ShownStatus = NodeStatus | 'rejected' | 'interrupted';

/**
 * The engine says a rejected Approval succeeded (it ran, and emitted on `rejected`); a person reads that as rejected,
 * so the canvas, timeline and trace all show this status instead.
 */
export function shownStatus(status: NodeStatus, decision: 'approved' | 'rejected' | undefined): ShownStatus {
  return status === 'succeeded' && decision === 'rejected' ? 'rejected' : status;
}
