import { keyIdOf } from '../services/secret-vault/secret-crypto.ts';
import type { SecretKeySource, SecretKeys } from '../services/secret-vault/secret-keys.ts';
import type { EngineSecretKeys } from './control.ts';

/** The secrets keys the main process hands the engine process (`secretKeys` messages), as the hosts' key source. */
export interface GivenSecretKeys {
  /** For createApiHandlers: the keys given last; until the first arrive, the key file (as `operon serve`). */
  source: SecretKeySource;
  /** Takes the keys of a `secretKeys` message; throws (and keeps what it had) when one does not match its id. */
  accept(message: EngineSecretKeys): void;
}

export function createGivenSecretKeys(): GivenSecretKeys {
  let given: SecretKeys | undefined;
  return {
    source: { kind: 'given', keys: () => given },
    accept(message) {
      const byId = new Map<string, Buffer>();
      for (const [id, text] of Object.entries(message.keys)) {
        const key = Buffer.from(text, 'base64');
        if (key.length !== 32 || keyIdOf(key) !== id) throw new Error(`engine process: secrets key ${id} does not match its id`);
        byId.set(id, key);
      }
      const current = byId.get(message.current);
      if (current === undefined) throw new Error('engine process: the current secrets key was not given');
      given = { current, byId, source: 'given' };
    },
  };
}
