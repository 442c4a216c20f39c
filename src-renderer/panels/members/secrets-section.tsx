import { useState } from 'react';
import { SecretNameSchema } from '../../../src-shared/api/access-schemas.ts';
import { plural } from '../../kit/plural.ts';
import type { MembersView } from '../../session/access/use-members.ts';
import { ACCESS_IDS } from '../../test-ids.ts';

/** The workspace's stored secrets by name (values are never shown), a form to set or replace one, and Delete. */
export function SecretsSection({ view }: { view: MembersView }) {
  const [name, setName] = useState('');
  const [value, setValue] = useState('');
  const secrets = view.secrets ?? [];
  const check = SecretNameSchema.safeParse(name);
  const problem = name === '' || check.success ? undefined : check.error.issues[0]?.message;
  const replacing = secrets.some((secret) => secret.name === name.toUpperCase());
  return (
    <section className="access-section">
      <h3>Secrets {view.secrets !== undefined && <span className="muted">{plural(secrets.length, 'secret')}</span>}</h3>
      <p className="muted">
        Sealed on the server (AES-256-GCM) and read by workflows as $secret(&quot;NAME&quot;). A value is never shown again.
      </p>
      <ul className="access-list">
        {secrets.map((secret) => (
          <li key={secret.name} className="access-row" data-testid={ACCESS_IDS.secretRow} data-name={secret.name}>
            <code className="access-name">{secret.name}</code>
            <span className="muted">changed {new Date(secret.updatedAt).toLocaleString()}</span>
            <button type="button" onClick={() => setName(secret.name)} aria-label={`Replace the value of ${secret.name}`}>
              Replace
            </button>
            <button
              type="button"
              data-testid={ACCESS_IDS.secretDelete}
              aria-label={`Delete ${secret.name}`}
              disabled={view.busy}
              onClick={() => void view.deleteSecret(secret.name)}
            >
              Delete
            </button>
          </li>
        ))}
      </ul>
      <form
        className="access-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!check.success || value === '') return;
          void view.setSecret(name, value).then((done) => {
            if (!done) return;
            setName('');
            setValue('');
          });
        }}
      >
        <label>
          Name
          <input
            data-testid={ACCESS_IDS.secretName}
            placeholder="such as CRM_API_KEY"
            autoComplete="off"
            spellCheck={false}
            aria-invalid={problem !== undefined}
            title={problem}
            value={name}
            onChange={(event) => setName(event.currentTarget.value.toUpperCase())}
          />
        </label>
        <label>
          Value
          <input
            type="password"
            data-testid={ACCESS_IDS.secretValue}
            autoComplete="new-password"
            spellCheck={false}
            value={value}
            onChange={(event) => setValue(event.currentTarget.value)}
          />
        </label>
        <button
          type="submit"
          className="primary"
          data-testid={ACCESS_IDS.secretSave}
          disabled={view.busy || !check.success || value === ''}
        >
          {replacing ? 'Replace value' : 'Store secret'}
        </button>
      </form>
      {problem !== undefined && <p className="access-problem">{problem}</p>}
    </section>
  );
}
