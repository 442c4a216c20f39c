import './members.css';
import { ModalDialog } from '../../kit/modal-dialog.tsx';
import { useMembers } from '../../session/access/use-members.ts';
import { ACCESS_IDS } from '../../test-ids.ts';
import { MembersSection } from './members-section.tsx';
import { SecretsSection } from './secrets-section.tsx';
import { TokensSection } from './tokens-section.tsx';

/** The workspace's Members panel (owners): members and their roles, API tokens, and stored secrets. */
export function MembersDialog({ workspace, me, onClose }: { workspace: string; me: string | undefined; onClose: () => void }) {
  const view = useMembers();
  return (
    <ModalDialog label="Members" className="access-dialog" testId={ACCESS_IDS.membersDialog} onClose={onClose}>
      <header className="access-head">
        <h2>Members of {workspace}</h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </header>
      {view.error !== undefined && (
        <p className="access-problem" role="alert" data-testid={ACCESS_IDS.membersError}>
          {view.error}
        </p>
      )}
      <MembersSection view={view} me={me} />
      <TokensSection view={view} />
      <SecretsSection view={view} />
    </ModalDialog>
  );
}
