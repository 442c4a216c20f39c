import { OperonError } from '../errors/operon-error.ts';
import type { SecretService } from '../services/secrets.ts';
import { secretForms } from '../services/secret-forms.ts';

/**
 * What a run knows of the secrets it used, and where they may go. A node reads a secret with `$secret('NAME')` only in
 * a field its type declares it sends (`sendsSecrets`: an HTTP request's URL, headers, query and body); anywhere else the
 * call itself fails the node (OPR-190), so no value computed from the secret exists there to leak. The values resolved
 * (and the forms they take inside larger values: see `secretForms`) are then looked for in what the node would hand on
 * (outputs, which feed the log, the cache, pins and every watcher; memory records; files; model requests; tool results)
 * and a node that holds one there fails with OPR-190 naming the secret and where it was going, never its value.
 * One per run, never shared: a resumed or approved run starts empty and resolves again from the store.
 */
export interface SecretGuard {
  /** Secret `name` from the store, remembered; OPR-156 when it is not set. `reader` is told to the store (the audit). */
  resolve(name: string, reader?: { runId: string; nodeId: string }): string;
  /** Remembers a value obtained through `ctx.secrets`. */
  remember(name: string, value: string): void;
  /** The name of a secret this run resolved whose value, or a form of it, `value` holds. Cheap while none was resolved. */
  find(value: unknown): string | undefined;
  /** Throws OPR-190 when `value` holds a secret: `where` says where it was going (`output "out"`, `a memory record`). */
  check(nodeId: string, value: unknown, where: string): void;
  /** A copy of `value` with each secret (in any of its forms) replaced by `[secret:NAME]` in every string. */
  redact<T>(value: T): T;
  /**
   * The length of the longest form of a secret remembered (0 while none is): text streamed out in pieces holds back
   * this many characters less one, so no piece ever carries the start of a secret whose end has not arrived yet.
   */
  longestForm(): number;
}

export function createSecretGuard(store: SecretService): SecretGuard {
  /** Lower-cased forms → the secret's name; looked for in lower-cased text. */
  const forms = new Map<string, string>();
  const seen = new Set<string>();
  let pattern: RegExp | undefined;
  let longest = 0;

  const remember = (name: string, value: string): void => {
    if (seen.has(value)) return;
    seen.add(value);
    for (const form of secretForms(value)) {
      if (!forms.has(form)) forms.set(form, name);
      longest = Math.max(longest, form.length);
    }
    pattern = undefined;
  };
  const find = (value: unknown): string | undefined => {
    if (forms.size === 0 || value === undefined) return undefined;
    let text: string;
    try {
      text = (typeof value === 'string' ? value : (JSON.stringify(value) ?? '')).toLowerCase();
    } catch {
      return undefined; // a cycle or a BigInt: it cannot be written as JSON either, so it reaches no log
    }
    for (const [form, name] of forms) if (text.includes(form)) return name;
    return undefined;
  };
  const redactText = (text: string): string => {
    pattern ??= new RegExp(
      [...forms.keys()]
        .sort((a, b) => b.length - a.length)
        .map((form) => form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('|'),
      'gi',
    );
    return text.replace(pattern, (match) => `[secret:${forms.get(match.toLowerCase()) ?? 'SECRET'}]`);
  };
  const redactDeep = (value: unknown): unknown => {
    if (typeof value === 'string') return redactText(value);
    if (Array.isArray(value)) return value.map(redactDeep);
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) out[redactText(key)] = redactDeep(item);
      return out;
    }
    return value;
  };

  return {
    resolve(name, reader) {
      const value = store.get(name, reader);
      if (value === undefined)
        throw new OperonError(
          'OPR-156',
          `secret ${JSON.stringify(name)} is not set: store it with "operon secrets set ${name.toUpperCase()}" or set OPERON_SECRET_${name.toUpperCase()}`,
          {
            details: { name },
          },
        );
      remember(name, value);
      return value;
    },
    remember,
    find,
    check(nodeId, value, where) {
      const name = find(value);
      if (name !== undefined) throw secretLeak(nodeId, name, where);
    },
    redact: <T>(value: T): T => (find(value) === undefined ? value : (redactDeep(value) as T)),
    longestForm: () => longest,
  };
}

/** OPR-190: secret `name` would go to `where`, which does not send secrets. Names the secret, never its value. */
export function secretLeak(nodeId: string, name: string, where: string): OperonError {
  return new OperonError(
    'OPR-190',
    `node "${nodeId}" would put secret ${name} into ${where}: a secret may only go where it is sent (an HTTP request's URL, headers, query or body)`,
    { nodeId, details: { secret: name, field: where } },
  );
}

/**
 * OPR-190: a model's answer holds secret `name`, or the key of the provider it came from (`providerKey`: then `name`
 * is the key's variable or secret). Names the key, never its value.
 */
export function answerLeak(nodeId: string, name: string, providerKey: boolean): OperonError {
  const what = providerKey ? `its model provider's key ${name}` : `secret ${name}`;
  return new OperonError(
    'OPR-190',
    `node "${nodeId}": the model's answer holds ${what}, so it is not handed on, cached or logged (the call's log shows [secret:${name}])`,
    { nodeId, details: { secret: name, field: "the model's answer" } },
  );
}
