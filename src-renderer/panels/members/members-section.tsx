import { useState } from 'react';
import type { Role } from '../../../src-shared/api/permissions.ts';
import { plural } from '../../kit/plural.ts';
import type { MembersView } from '../../session/access/use-members.ts';
import { ACCESS_IDS } from '../../test-ids.ts';
import { RolePicker } from './role-picker.tsx';

/** The members with a role picker each, Remove (asked twice), and Add member. */
export function MembersSection({ view, me }: { view: MembersView; me: string | undefined }) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [confirming, setConfirming] = useState<string>();
  const members = view.members ?? [];
  return (
    <section className="access-section">
      <h3>Members {view.members !== undefined && <span className="muted">{plural(members.length, 'member')}</span>}</h3>
      {view.members !== undefined && members.length === 0 && (
        <p className="muted">No named members yet: only the server&apos;s own token (the one-person setup) opens this workspace.</p>
      )}
      <ul className="access-list">
        {members.map((member) => (
          <li key={member.user} className="access-row" data-testid={ACCESS_IDS.memberRow} data-user={member.user}>
            <span className="access-name">
              {member.user}
              {member.user === me && <span className="muted"> (you)</span>}
            </span>
            <span className="muted">{plural(member.tokens, 'token')}</span>
            <RolePicker
              label={`Role of ${member.user}`}
              testId={ACCESS_IDS.memberRole}
              value={member.role}
              disabled={view.busy}
              onChange={(next) => void view.setRole(member.user, next)}
            />
            {confirming === member.user ? (
              <span className="access-confirm">
                Remove {member.user} from this workspace?
                <button
                  type="button"
                  className="danger"
                  data-testid={ACCESS_IDS.memberRemoveConfirm}
                  disabled={view.busy}
                  onClick={() => void view.remove(member.user).then(() => setConfirming(undefined))}
                >
                  Remove
                </button>
                <button type="button" onClick={() => setConfirming(undefined)}>
                  Keep
                </button>
              </span>
            ) : (
              <button
                type="button"
                data-testid={ACCESS_IDS.memberRemove}
                aria-label={`Remove ${member.user}`}
                onClick={() => setConfirming(member.user)}
              >
                Remove
              </button>
            )}
          </li>
        ))}
      </ul>
      <form
        className="access-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (name.trim() === '') return;
          void view.setRole(name.trim(), role).then((done) => done && setName(''));
        }}
      >
        <label>
          User name
          <input
            data-testid={ACCESS_IDS.addMemberName}
            placeholder="such as ada or bob.smith"
            autoComplete="off"
            spellCheck={false}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
          />
        </label>
        <label>
          Role
          <RolePicker label="Role of the new member" testId={ACCESS_IDS.addMemberRole} value={role} onChange={setRole} />
        </label>
        <button type="submit" className="primary" data-testid={ACCESS_IDS.addMember} disabled={view.busy || name.trim() === ''}>
          Add member
        </button>
      </form>
    </section>
  );
}
