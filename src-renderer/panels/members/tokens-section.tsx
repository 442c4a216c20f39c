import { useState } from 'react';
import { CopyButton } from '../../kit/copy-button.tsx';
import { plural } from '../../kit/plural.ts';
import type { MembersView } from '../../session/access/use-members.ts';
import { ACCESS_IDS } from '../../test-ids.ts';

/** The members' API tokens (never their text after it was shown once), New token and Revoke. */
export function TokensSection({ view }: { view: MembersView }) {
  const members = view.members ?? [];
  const [user, setUser] = useState('');
  const [label, setLabel] = useState('');
  const chosen = user !== '' && members.some((member) => member.user === user) ? user : (members[0]?.user ?? '');
  const tokens = view.tokens ?? [];
  return (
    <section className="access-section">
      <h3>API tokens {view.tokens !== undefined && <span className="muted">{plural(tokens.length, 'token')}</span>}</h3>
      {view.newToken !== undefined && (
        <div className="access-new-token" role="status">
          <strong>New token for {view.newToken.user}</strong>
          <p>
            Copy it now: it is shown this once and cannot be read again (Operon keeps only its hash). Anyone holding it acts as{' '}
            {view.newToken.user}.
          </p>
          <code data-testid={ACCESS_IDS.newTokenText}>{view.newToken.token}</code>
          <span className="access-row-buttons">
            <CopyButton text={() => view.newToken?.token ?? ''} label="Copy token" />
            <button type="button" data-testid={ACCESS_IDS.newTokenDone} onClick={view.dismissToken}>
              Done
            </button>
          </span>
        </div>
      )}
      {view.tokens !== undefined && tokens.length === 0 && (
        <p className="muted">No tokens: a member signs in with a token made here or with operon tokens create.</p>
      )}
      <ul className="access-list">
        {tokens.map((token) => (
          <li key={token.id} className="access-row" data-testid={ACCESS_IDS.tokenRow} data-id={token.id}>
            <span className="access-name">{token.label ?? 'Token'}</span>
            <span>{token.user}</span>
            <span className="muted" title={`Token id ${token.id}`}>
              made {new Date(token.createdAt).toLocaleString()}
            </span>
            <button
              type="button"
              data-testid={ACCESS_IDS.tokenRevoke}
              aria-label={`Revoke ${token.user}'s token ${token.label ?? token.id}`}
              disabled={view.busy}
              onClick={() => void view.revokeToken(token.id)}
            >
              Revoke
            </button>
          </li>
        ))}
      </ul>
      {members.length > 0 && (
        <form
          className="access-form"
          onSubmit={(event) => {
            event.preventDefault();
            void view.createToken(chosen, label.trim()).then((done) => done && setLabel(''));
          }}
        >
          <label>
            For
            <select data-testid={ACCESS_IDS.tokenUser} value={chosen} onChange={(event) => setUser(event.currentTarget.value)}>
              {members.map((member) => (
                <option key={member.user} value={member.user}>
                  {member.user}
                </option>
              ))}
            </select>
          </label>
          <label>
            Label
            <input
              data-testid={ACCESS_IDS.tokenLabel}
              placeholder="such as laptop or CI"
              autoComplete="off"
              value={label}
              onChange={(event) => setLabel(event.currentTarget.value)}
            />
          </label>
          <button type="submit" className="primary" data-testid={ACCESS_IDS.tokenCreate} disabled={view.busy || chosen === ''}>
            New token
          </button>
        </form>
      )}
    </section>
  );
}
