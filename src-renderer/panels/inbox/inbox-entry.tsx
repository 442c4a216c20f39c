import { useState } from 'react';
import type { Decision } from '../../../src-shared/nodes/decision.ts';
import type { InboxItem } from '../../../src-shared/api/debug-schemas.ts';
import { ValueField } from '../../kit/value-field.tsx';
import { DEBUG_IDS, inboxItemId } from '../../test-ids.ts';
import { useCan } from '../../session/access/use-whoami.ts';
import { rolesThatMay } from '../../session/access/whoami-store.ts';
import { errorMessage } from '../../session/api-context.ts';
import { editableValue, RequestData } from './request-data.tsx';
import { useInboxStore } from '../../session/workspace-context.ts';

/** One pending approval: what is proposed, and Approve / Edit and approve / Reject with an optional comment. */
export function InboxEntry({ item, onDecided }: { item: InboxItem; onDecided: () => void }) {
  const decideItem = useInboxStore((s) => s.decide);
  const notAllowed = useCan('approve') ? undefined : `Deciding needs ${rolesThatMay('approve')} role`;
  const [comment, setComment] = useState('');
  const [edited, setEdited] = useState<{ value: unknown } | undefined>(undefined);
  const [jsonProblem, setJsonProblem] = useState<string | undefined>(undefined);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const check =
    edited === undefined ? undefined : jsonProblem === undefined ? { ok: true as const, value: edited.value } : { ok: false as const };

  const decide = async (decision: Decision['decision']) => {
    if (check !== undefined && !check.ok && decision === 'approved') return;
    setSending(true);
    setError(undefined);
    try {
      await decideItem(item, {
        decision,
        ...(comment.trim() === '' ? {} : { comment: comment.trim() }),
        ...(decision === 'approved' && check?.ok === true ? { value: check.value } : {}),
      });
      onDecided();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setSending(false);
    }
  };

  return (
    <li className="inbox-item" data-testid={inboxItemId(item.runId, item.nodeId)}>
      <div className="inbox-item-head" data-testid={DEBUG_IDS.inboxItem}>
        <strong>{item.request.title}</strong>
        <span className="muted">
          {item.workflowName ?? item.workflowId} · <span title={`node id: ${item.nodeId}`}>{item.nodeLabel ?? item.nodeId}</span> · run{' '}
          {item.runId} · waiting since {new Date(item.since).toLocaleString()}
        </span>
      </div>
      {item.request.message !== '' && <p>{item.request.message}</p>}
      <RequestData data={item.request.data} />
      {edited !== undefined && (
        <ValueField
          label="Approve with this value"
          name="Approved value"
          testId={DEBUG_IDS.inboxValue}
          value={edited.value}
          onChange={(value) => setEdited({ value })}
          onProblem={setJsonProblem}
          rows={5}
        />
      )}
      <input
        aria-label="Comment"
        placeholder="Comment (optional; recorded with the decision)"
        data-testid={DEBUG_IDS.inboxComment}
        value={comment}
        onChange={(event) => setComment(event.currentTarget.value)}
      />
      <div className="inbox-buttons">
        <button
          type="button"
          className="primary"
          data-testid={DEBUG_IDS.inboxApprove}
          disabled={sending || check?.ok === false || notAllowed !== undefined}
          title={notAllowed}
          onClick={() => void decide('approved')}
        >
          {edited === undefined ? 'Approve' : 'Approve edited'}
        </button>
        <button
          type="button"
          data-testid={DEBUG_IDS.inboxEdit}
          disabled={sending}
          onClick={() => {
            setJsonProblem(undefined);
            setEdited(edited === undefined ? { value: structuredClone(editableValue(item.request.data) ?? null) } : undefined);
          }}
        >
          {edited === undefined ? 'Edit…' : 'Discard edit'}
        </button>
        <button
          type="button"
          data-testid={DEBUG_IDS.inboxReject}
          disabled={sending || notAllowed !== undefined}
          title={notAllowed}
          onClick={() => void decide('rejected')}
        >
          Reject
        </button>
      </div>
      {error !== undefined && <p className="error">{error}</p>}
    </li>
  );
}
