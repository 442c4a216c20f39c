import { useState } from 'react';
import { ProviderKeyNameSchema } from '../../../src-shared/api/desktop-contract.ts';
import type { ProviderKeys } from '../../session/desktop/use-provider-keys.ts';
import { TEST_IDS } from '../../test-ids.ts';
import { COMMON_KEY_NAMES } from './provider-key-names.ts';
import './provider-keys.css';
import { ModalDialog } from '../../kit/modal-dialog.tsx';

/**
 * The desktop app's Model keys: the provider keys it keeps (names and dates, never values), each with Remove, and a
 * form to store one; where the system cannot keep keys safely, the reason instead of the form.
 */
export function ProviderKeysDialog({ keys, onClose }: { keys: ProviderKeys; onClose: () => void }) {
  const [name, setName] = useState('');
  const [value, setValue] = useState('');

  const nameCheck = ProviderKeyNameSchema.safeParse(name);
  const nameProblem = name === '' || nameCheck.success ? undefined : nameCheck.error.issues[0]?.message;
  const storage = keys.listed?.storage;
  const stored = keys.listed?.keys ?? [];
  const replacing = stored.some((key) => key.name === name);

  return (
    <ModalDialog label="Model keys" className="provider-keys-dialog" testId={TEST_IDS.providerKeysDialog} onClose={onClose}>
      <h2>Model keys</h2>
      <p className="muted">
        API keys for model providers, encrypted with your system&apos;s keychain and given to the engine as the environment variable of the
        same name. A key stored here is used instead of a variable set when Operon started.
      </p>
      {storage?.available === false && (
        <p className="provider-keys-refusal" role="status" data-testid={TEST_IDS.providerKeysUnavailable}>
          {storage.reason}
        </p>
      )}
      <h3>Stored keys</h3>
      {keys.listed === undefined ? (
        <p className="muted">Loading…</p>
      ) : stored.length === 0 ? (
        <p className="muted">No keys stored in the app.</p>
      ) : (
        <ul className="provider-keys-list">
          {stored.map((key) => (
            <li key={key.name} data-testid={TEST_IDS.providerKeyItem} data-name={key.name}>
              <code>{key.name}</code>
              <span className="muted">set {new Date(key.updatedAt).toLocaleString()}</span>
              <button
                type="button"
                data-testid={TEST_IDS.providerKeyRemove}
                aria-label={`Remove ${key.name}`}
                disabled={keys.busy}
                onClick={() => void keys.remove(key.name)}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      {storage?.available === true && (
        <form
          className="provider-keys-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (!nameCheck.success || value === '') return;
            void keys.save(name, value).then((saved) => {
              if (saved) {
                setName('');
                setValue('');
              }
            });
          }}
        >
          <h3>{replacing ? 'Replace a key' : 'Add a key'}</h3>
          <label>
            Name
            <input
              data-testid={TEST_IDS.providerKeyName}
              list="provider-key-names"
              placeholder="such as OPENAI_API_KEY"
              autoComplete="off"
              spellCheck={false}
              aria-invalid={nameProblem !== undefined}
              value={name}
              onChange={(event) => setName(event.currentTarget.value.toUpperCase())}
            />
          </label>
          <datalist id="provider-key-names">
            {COMMON_KEY_NAMES.map(([known, what]) => (
              <option key={known} value={known}>
                {what}
              </option>
            ))}
          </datalist>
          <span className={nameProblem === undefined ? 'muted provider-keys-hint' : 'provider-keys-problem'}>
            {nameProblem ??
              'The variable the provider reads: OPENAI_API_KEY, or apiKeyEnv in providers.json; OPERON_SECRET_<NAME> for a secret.'}
          </span>
          <label>
            Key
            <input
              type="password"
              data-testid={TEST_IDS.providerKeyValue}
              autoComplete="off"
              spellCheck={false}
              value={value}
              onChange={(event) => setValue(event.currentTarget.value)}
            />
          </label>
          <div className="dialog-buttons">
            <button type="button" onClick={onClose}>
              Close
            </button>
            <button
              type="submit"
              className="primary"
              data-testid={TEST_IDS.providerKeySave}
              disabled={keys.busy || !nameCheck.success || value === ''}
            >
              {replacing ? 'Replace' : 'Save'}
            </button>
          </div>
        </form>
      )}
      {keys.error !== undefined && (
        <p className="provider-keys-problem" role="alert" data-testid={TEST_IDS.providerKeysError}>
          {keys.error}
        </p>
      )}
      {storage?.available !== true && (
        <div className="dialog-buttons">
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      )}
    </ModalDialog>
  );
}
