import type { SecretService } from '../../src-shared/services/secrets.ts';
import { OperonError } from '../../src-shared/errors/operon-error.ts';

/** Secrets shorter than this are not redacted: replacing every "abc" in a log would hide more than it protects. */
export const MIN_REDACTED_LENGTH = 4;

/** The secret service the host builds: the engine's SecretService plus what the host needs to keep values out of logs. */
export interface HostSecretService extends SecretService {
  /** The value, or OPR-156 naming the environment variable to set. */
  require(name: string): string;
  /** Replaces every value handed out so far (and its JSON-escaped form) with `[secret:NAME]`. Returns `text` itself when nothing was handed out. */
  readonly redact: (text: string) => string;
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
  return `OPERON_SECRET_${name.toUpperCase()}`;
}

/**
 * Secrets from environment variables `OPERON_SECRET_<NAME>`. An empty variable counts as unset. Every value handed out
 * by `get`/`require` is remembered so `redact` can remove it from anything written to disk or sent to the UI.
 */
export function createSecretService(env: NodeJS.ProcessEnv): HostSecretService {
  /** Text to hide → the name to show instead. */
  const handedOut = new Map<string, string>();
  let pattern: RegExp | undefined;

  const remember = (name: string, value: string): void => {
    if (value.length < MIN_REDACTED_LENGTH) return;
    const label = `[secret:${name.toUpperCase().replace(/[^A-Z0-9_]/g, '_')}]`;
    const escaped = JSON.stringify(value).slice(1, -1);
    let changed = false;
    for (const form of new Set([value, escaped])) {
      if (!handedOut.has(form)) {
        handedOut.set(form, label);
        changed = true;
      }
    }
    if (changed) pattern = undefined;
  };

  const get = (name: string): string | undefined => {
    const value = env[secretVariable(name)];
    if (value === undefined || value === '') return undefined;
    remember(name, value);
    return value;
  };

  return {
    get,
    require(name) {
      const value = get(name);
      if (value === undefined) {
        throw new OperonError('OPR-156', `Secret ${name} is not set: set the environment variable ${secretVariable(name)}`, {
          details: { name, variable: secretVariable(name) },
        });
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
        'g',
      );
      return text.replace(pattern, (match) => handedOut.get(match) ?? match);
    },
    adopt: remember,
  };
}
