import type { PendingApproval } from '../../session/run/run-session.ts';
import { ROOM_IDS, TEST_IDS } from '../../test-ids.ts';

/**
 * One approval the watched run waits for: its title, Approve and Reject first (always in view), then its message and
 * value, each in a bounded box that scrolls, so a long value (a 20 kB draft) never pushes the buttons away.
 */
export function ApprovalItem({
  approval,
  nodeLabel,
  onDecide,
  notAllowed,
}: {
  approval: PendingApproval;
  /** The waiting node's label (its id in the tooltip). */
  nodeLabel: string;
  onDecide: (decision: 'approved' | 'rejected') => void;
  /** Why this person may not decide (their role), shown as the disabled buttons' tooltip. */
  notAllowed?: string | undefined;
}) {
  return (
    <div className="approval" data-testid={TEST_IDS.approvalItem}>
      <div className="approval-head">
        <strong className="approval-title" title={approval.title}>
          {approval.title}
        </strong>
        <span className="muted approval-node" title={approval.nodeId}>
          {nodeLabel}
        </span>
        <span className="approval-buttons">
          <button
            type="button"
            className="primary"
            data-testid={TEST_IDS.approveButton}
            disabled={notAllowed !== undefined}
            title={notAllowed}
            onClick={() => onDecide('approved')}
          >
            Approve
          </button>
          <button
            type="button"
            data-testid={TEST_IDS.rejectButton}
            disabled={notAllowed !== undefined}
            title={notAllowed}
            onClick={() => onDecide('rejected')}
          >
            Reject
          </button>
        </span>
      </div>
      <p className="approval-message">{approval.message}</p>
      {approval.data !== undefined && (
        <pre className="bounded-value" data-testid={ROOM_IDS.approvalValue} tabIndex={0} aria-label="The value to approve">
          {JSON.stringify(approval.data, null, 2)}
        </pre>
      )}
    </div>
  );
}
