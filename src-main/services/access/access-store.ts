import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { RoleSchema, type Principal, type Role } from '../../../src-shared/api/permissions.ts';
import { OperonError } from '../../../src-shared/errors/operon-error.ts';
import { writeFileAtomic } from '../atomic-write.ts';
import { readCheckedJson } from '../checked-json-file.ts';

/** Users, their roles per workspace, and their API tokens (hashed): `<dataDir>/access.json`, owner-only. */
export const ACCESS_FILE = 'access.json';

export const USER_NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const TOKEN_PATTERN = /^opr_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

const AccessFileSchema = z.object({
  version: z.literal(1),
  users: z.record(z.string(), z.object({ createdAt: z.number(), roles: z.record(z.string(), RoleSchema) })),
  tokens: z.record(
    z.string(),
    z.object({ user: z.string(), hash: z.string().regex(/^[0-9a-f]{64}$/), createdAt: z.number(), label: z.string().optional() }),
  ),
});
type AccessFile = z.infer<typeof AccessFileSchema>;

export interface UserInfo {
  name: string;
  createdAt: number;
  roles: Record<string, Role>;
  tokens: { id: string; label?: string; createdAt: number }[];
}

export interface AccessStore {
  /** Gives `name` a role in a workspace (creating the user when new); says whether the user was new. */
  setRole(name: string, workspace: string, role: Role): Promise<'created' | 'changed'>;
  /** Takes a user's role in one workspace away, or the whole user (and every token) with `workspace` undefined. */
  remove(name: string, workspace?: string): Promise<boolean>;
  list(): Promise<UserInfo[]>;
  /** A new token for a user: shown once, stored as its SHA-256 only. */
  createToken(name: string, label?: string): Promise<{ id: string; token: string }>;
  revokeToken(id: string): Promise<boolean>;
  /** The user a token belongs to and their roles, or undefined for any token that is not a live one. */
  principalFor(token: string): Promise<Principal | undefined>;
}

/** Checks a user name (OPR-257) and gives its stored form (lower case). */
export function userName(name: string): string {
  const lower = name.trim().toLowerCase();
  if (!USER_NAME_PATTERN.test(lower))
    throw new OperonError('OPR-257', `invalid user name ${JSON.stringify(name)}: use letters, digits, ".", "_" and "-" (at most 64)`);
  return lower;
}

export function createAccessStore(dataDir: string): AccessStore {
  const file = path.join(dataDir, ACCESS_FILE);
  let queue: Promise<unknown> = Promise.resolve();
  /** Read-modify-write, one at a time in this process. */
  const change = <T>(apply: (content: AccessFile) => T): Promise<T> => {
    const next = queue.then(async () => {
      const content = await readAccess(file);
      const result = apply(content);
      await writeFileAtomic(file, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
      return result;
    });
    queue = next.catch(() => undefined);
    return next;
  };

  return {
    setRole: (name, workspace, role) =>
      change((content) => {
        const user = userName(name);
        const existing = content.users[user];
        content.users[user] = { createdAt: existing?.createdAt ?? Date.now(), roles: { ...existing?.roles, [workspace]: role } };
        return existing === undefined ? 'created' : 'changed';
      }),
    remove: (name, workspace) =>
      change((content) => {
        const user = userName(name);
        const existing = content.users[user];
        if (existing === undefined) return false;
        if (workspace !== undefined) {
          if (existing.roles[workspace] === undefined) return false;
          delete existing.roles[workspace];
          return true;
        }
        delete content.users[user];
        for (const [id, token] of Object.entries(content.tokens)) if (token.user === user) delete content.tokens[id];
        return true;
      }),
    async list() {
      const content = await readAccess(file);
      return Object.entries(content.users)
        .map(([name, user]) => ({
          name,
          createdAt: user.createdAt,
          roles: user.roles,
          tokens: Object.entries(content.tokens)
            .filter(([, token]) => token.user === name)
            .map(([id, token]) => ({ id, createdAt: token.createdAt, ...(token.label === undefined ? {} : { label: token.label }) })),
        }))
        .sort((a, b) => a.name.localeCompare(b.name));
    },
    createToken: (name, label) =>
      change((content) => {
        const user = userName(name);
        if (content.users[user] === undefined)
          throw new OperonError('OPR-257', `there is no user ${user}: add one first with "operon users add ${user} --role ROLE"`);
        const id = randomBytes(6).toString('hex');
        const secret = randomBytes(32).toString('base64url');
        content.tokens[id] = { user, hash: sha256(secret), createdAt: Date.now(), ...(label === undefined ? {} : { label }) };
        return { id, token: `opr_${id}_${secret}` };
      }),
    revokeToken: (id) =>
      change((content) => {
        if (content.tokens[id] === undefined) return false;
        delete content.tokens[id];
        return true;
      }),
    async principalFor(token) {
      const match = TOKEN_PATTERN.exec(token);
      if (match === null) return undefined;
      const [, id = '', secret = ''] = match;
      const content = await readAccess(file);
      const stored = content.tokens[id];
      if (stored === undefined) return undefined;
      const given = Buffer.from(sha256(secret), 'hex');
      if (!timingSafeEqual(given, Buffer.from(stored.hash, 'hex'))) return undefined;
      const user = content.users[stored.user];
      return user === undefined ? undefined : { user: stored.user, roles: user.roles };
    },
  };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function readAccess(file: string): Promise<AccessFile> {
  return readCheckedJson(file, AccessFileSchema, {
    missing: () => ({ version: 1 as const, users: {}, tokens: {} }),
    damaged: () => new OperonError('OPR-257', `${file} is damaged and is left as it is: restore it from a backup`),
  });
}
