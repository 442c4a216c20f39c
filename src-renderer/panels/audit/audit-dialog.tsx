import './audit.css';
import { useState } from 'react';
import { ModalDialog } from '../../kit/modal-dialog.tsx';
import { plural } from '../../kit/plural.ts';
import { useAudit } from '../../session/access/use-audit.ts';
import { ACCESS_IDS } from '../../test-ids.ts';
import { ACTION_WORDS, actionWords, detailsSummary, targetLabel } from './audit-words.ts';

/** The workspace's audit trail (owners): newest first, filtered by action and dates, Verify chain, and exports. */
export function AuditDialog({
  workspace,
  workflowName,
  onClose,
}: {
  workspace: string;
  workflowName: (id: string) => string | undefined;
  onClose: () => void;
}) {
  const [action, setAction] = useState<string>();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const audit = useAudit({ action, from, to });
  const entries = audit.entries ?? [];
  return (
    <ModalDialog label="Audit trail" className="audit-dialog" testId={ACCESS_IDS.auditDialog} onClose={onClose}>
      <header className="audit-head">
        <h2>Audit trail of {workspace}</h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </header>
      <div className="audit-tools">
        <label>
          Action
          <select
            data-testid={ACCESS_IDS.auditAction}
            value={action ?? ''}
            onChange={(event) => setAction(event.currentTarget.value === '' ? undefined : event.currentTarget.value)}
          >
            <option value="">Every action</option>
            {Object.entries(ACTION_WORDS).map(([value, words]) => (
              <option key={value} value={value}>
                {words}
              </option>
            ))}
          </select>
        </label>
        <label>
          From
          <input type="date" data-testid={ACCESS_IDS.auditFrom} value={from} onChange={(event) => setFrom(event.currentTarget.value)} />
        </label>
        <label>
          To
          <input type="date" data-testid={ACCESS_IDS.auditTo} value={to} onChange={(event) => setTo(event.currentTarget.value)} />
        </label>
        <span className="spacer" />
        <button type="button" data-testid={ACCESS_IDS.auditVerify} disabled={audit.verifying} onClick={() => void audit.verify()}>
          {audit.verifying ? 'Verifying…' : 'Verify chain'}
        </button>
        <button type="button" data-testid={ACCESS_IDS.auditExportCsv} onClick={() => void audit.exportFile('csv')}>
          Export CSV
        </button>
        <button type="button" data-testid={ACCESS_IDS.auditExportJsonl} onClick={() => void audit.exportFile('jsonl')}>
          Export JSONL
        </button>
      </div>
      {audit.verdict !== undefined && (
        <p
          className={audit.verdict.ok ? 'audit-verdict audit-ok' : 'audit-verdict audit-bad'}
          role="status"
          data-testid={ACCESS_IDS.auditVerdict}
          data-ok={audit.verdict.ok}
        >
          {audit.verdict.ok
            ? `The chain holds: ${plural(audit.verdict.entries, 'entry', 'entries')}, none changed, removed or moved.`
            : `The chain is broken at line ${audit.verdict.line} of ${audit.verdict.entries}: ${audit.verdict.reason}.`}
        </p>
      )}
      {audit.error !== undefined && <p className="audit-verdict audit-bad">{audit.error}</p>}
      <div className="audit-table-box">
        <table className="audit-table">
          <thead>
            <tr>
              <th>Time</th>
              <th>Who</th>
              <th>What</th>
              <th>On</th>
              <th>Details</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.seq} data-testid={ACCESS_IDS.auditRow} data-action={entry.action}>
                <td className="muted" title={new Date(entry.at).toISOString()}>
                  {new Date(entry.at).toLocaleString()}
                </td>
                <td>{entry.actor}</td>
                <td>{actionWords(entry.action)}</td>
                <td title={entry.target}>{targetLabel(entry, workflowName)}</td>
                <td className="muted">{detailsSummary(entry)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {audit.entries !== undefined && entries.length === 0 && <p className="muted audit-empty">No entries match.</p>}
      </div>
      <footer className="audit-foot">
        <span className="muted">
          {audit.entries === undefined ? 'Loading…' : `${plural(entries.length, 'entry', 'entries')} shown, newest first`}
        </span>
        {audit.more && (
          <button type="button" onClick={() => void audit.loadMore()}>
            Show older
          </button>
        )}
      </footer>
    </ModalDialog>
  );
}
