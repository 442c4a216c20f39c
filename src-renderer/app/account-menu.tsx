import './account-menu.css';
import { useCallback, useState } from 'react';
import { AuditDialog } from '../panels/audit/audit-dialog.tsx';
import { MembersDialog } from '../panels/members/members-dialog.tsx';
import { useRole, useWhoamiStore } from '../session/access/use-whoami.ts';
import { initialsOf, roleMay } from '../session/access/whoami-store.ts';
import type { Workspace } from '../session/use-workspace.ts';
import { useApi } from '../session/workspace-context.ts';
import { ACCESS_IDS } from '../test-ids.ts';

/**
 * Who is signed in: a chip with the user's initials, name and role in the workspace; its menu opens the Members and
 * Audit panels for owners.
 */
export function AccountMenu({ workspace }: { workspace: Workspace }) {
  const role = useRole();
  const user = useWhoamiStore((s) => s.whoami?.user);
  const local = useWhoamiStore((s) => s.whoami?.local === true);
  const workspaceId = useApi().workspace;
  const [menu, setMenu] = useState(false);
  const [open, setOpen] = useState<'members' | 'audit'>();
  const close = useCallback(() => setOpen(undefined), []);
  const workflowName = useCallback((id: string) => workspace.workflows.find((each) => each.id === id)?.name, [workspace.workflows]);
  if (user === undefined || role === undefined) return null;
  const manages = roleMay(role, 'manage');
  return (
    <span className="account">
      <button
        type="button"
        className="account-chip"
        data-testid={ACCESS_IDS.accountChip}
        data-user={user}
        data-role={role}
        aria-haspopup="menu"
        aria-expanded={menu}
        title={local ? `${user}: owner of every workspace (this machine's own setup)` : `Signed in as ${user}, ${role} in ${workspaceId}`}
        onClick={() => setMenu((shown) => !shown)}
      >
        <span className="account-initials" aria-hidden="true">
          {initialsOf(user)}
        </span>
        <span className="account-name">{user}</span>
        <span className="account-role">{role}</span>
      </button>
      {menu && (
        <div className="account-menu" role="menu" data-testid={ACCESS_IDS.accountMenu} onMouseLeave={() => setMenu(false)}>
          <p className="muted">
            {user} is {/^[aeiou]/.test(role) ? 'an' : 'a'} {role} in {workspaceId}
          </p>
          {manages ? (
            <>
              <button
                type="button"
                role="menuitem"
                data-testid={ACCESS_IDS.openMembers}
                onClick={() => (setMenu(false), setOpen('members'))}
              >
                Members, tokens and secrets…
              </button>
              <button type="button" role="menuitem" data-testid={ACCESS_IDS.openAudit} onClick={() => (setMenu(false), setOpen('audit'))}>
                Audit trail…
              </button>
            </>
          ) : (
            <p className="muted">Members and the audit trail are for the workspace&apos;s owners.</p>
          )}
        </div>
      )}
      {open === 'members' && <MembersDialog workspace={workspaceId} me={user} onClose={close} />}
      {open === 'audit' && <AuditDialog workspace={workspaceId} workflowName={workflowName} onClose={close} />}
    </span>
  );
}
