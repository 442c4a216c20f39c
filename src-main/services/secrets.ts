import type { SecretService } from '../../src-shared/services/secrets.ts';
import { OperonError } from '../../src-shared/errors/operon-error.ts';
import { MIN_SECRET_LENGTH, secretForms } from '../../src-shared/services/secret-forms.ts';

/** Secrets shorter than this are not redacted: replacing every "abc" in a log would hide more than it protects. */
export const MIN_REDACTED_LENGTH = MIN_SECRET_LENGTH;
const VARIABLE_PREFIX = 'OPERON_SECRET_';

/** The secret service the host builds: the engine's SecretService plus what the host needs to keep values out of logs. */
export interface HostSecretService extends SecretService {
  /** The value, or OPR-156 naming the environment variable to set. */
  require(name: string): string;
  /**
   * Replaces every value in the store or handed out so far, in any of the forms it takes inside larger values
   * (`secretForms`: JSON-escaped, URL-encoded, base64, any case), with `[secret:NAME]`. Returns `text` itself when there
   * is none. The last line of defence: the engine fails a node before it would put a secret it resolved anywhere.
   */
  readonly redact: (text: string) => string;
  /** The name of a secret (in the store or handed out) whose value, in any of its forms, `text` holds. */
  find(text: string): string | undefined;
  /**
   * Remembers a value obtained elsewhere (an API key read from `OPENAI_API_KEY`, say) so `redact` hides it too,
   * shown as `[secret:NAME]`. Values shorter than {@link MIN_REDACTED_LENGTH} are ignored, as for `get`.
   */
  adopt(name: string, value: string): void;
}

/** The environment variable holding secret `name`: `OPERON_SECRET_<NAME>` (names are case-insensitive). */
/** Whether a text holds a `[secret:NAME]` placeholder `redact` left: the logged value is not the value that was used. */
export function hasRedactedSecret(text: string): boolean {
  return /\[secret:[A-Z0-9_]+\]/.test(text);
}

export function secretVariable(name: string): string {
  return `${VARIABLE_PREFIX}${name.toUpperCase()}`;
}

/** `OPERON_SECRET_KEY` and `OPERON_SECRET_NEW_KEY` hold the secrets store's key: hidden like secrets, never served as one. */
const KEY_NAMES: ReadonlySet<string> = new Set(['KEY', 'NEW_KEY']);

/**
 * Secrets from environment variables `OPERON_SECRET_<NAME>` (an empty variable counts as unset), then from the
 * workspace's encrypted store (`stored`, opened by the host: secret-vault/). Every value in either, and every value
 * adopted, is known to `redact` and `find` from the start, so one a run never asked for (pasted into run inputs, say)
 * is kept from disk and the UI too.
 */
export function createSecretService(env: NodeJS.ProcessEnv, stored: ReadonlyMap<string, string> = new Map()): HostSecretService {
  /** Text to hide → the name to show instead. */
  const handedOut = new Map<string, string>();
  let pattern: RegExp | undefined;

  const remember = (name: string, value: string): void => {
    const label = `[secret:${name.toUpperCase().replace(/[^A-Z0-9_]/g, '_')}]`;
    let changed = false;
    for (const form of secretForms(value)) {
      if (!handedOut.has(form)) {
        handedOut.set(form, label);
        changed = true;
      }
    }
    if (changed) pattern = undefined;
  };
  for (const [variable, value] of Object.entries(env)) {
    if (variable.startsWith(VARIABLE_PREFIX) && value !== undefined && value !== '')
      remember(variable.slice(VARIABLE_PREFIX.length), value);
  }
  for (const [name, value] of stored) remember(name, value);

  const get = (name: string): string | undefined => {
    if (KEY_NAMES.has(name.toUpperCase())) return undefined;
    const fromEnv = env[secretVariable(name)];
    const value = fromEnv === undefined || fromEnv === '' ? stored.get(name.toUpperCase()) : fromEnv;
    if (value === undefined) return undefined;
    remember(name, value);
    return value;
  };

  return {
    get,
    require(name) {
      const value = get(name);
      if (value === undefined) {
        throw new OperonError(
          'OPR-156',
          `Secret ${name} is not set: store it with "operon secrets set ${name.toUpperCase()}", or set the environment variable ${secretVariable(name)}`,
          {
            details: { name, variable: secretVariable(name) },
          },
        );
      }
      return value;
    },
    redact(text) {
      if (handedOut.size === 0) return text;
      pattern ??= new RegExp(
        [...handedOut.keys()]
          .sort((a, b) => b.length - a.length) // longest first, so a secret containing another is replaced whole
          .map((form) => form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
          .join('|'),
        'gi',
      );
      return text.replace(pattern, (match) => handedOut.get(match.toLowerCase()) ?? match);
    },
    find(text) {
      if (handedOut.size === 0) return undefined;
      const lower = text.toLowerCase();
      for (const [form, label] of handedOut) if (lower.includes(form)) return label.slice('[secret:'.length, -1);
      return undefined;
    },
    adopt: remember,
  };
}
