import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Whoami } from '../../../src-shared/api/access-schemas.ts';
import { ROLE_PERMISSIONS, ROLES, type Permission, type Role } from '../../../src-shared/api/permissions.ts';
import { errorMessage, type WorkspaceApi } from '../api-context.ts';

export interface WhoamiState {
  /** Who the editor acts as in the workspace (`session.whoami`), once read. */
  whoami: Whoami | undefined;
  error: string | undefined;
  /** Reads it (again). */
  load: () => Promise<void>;
}

export type WhoamiStore = StoreApi<WhoamiState>;

/** Who is signed in to the workspace and with which role: the top bar shows it, and controls the role cannot use hide. */
export function createWhoamiStore(api: WorkspaceApi): WhoamiStore {
  return createStore<WhoamiState>()((set) => ({
    whoami: undefined,
    error: undefined,
    async load() {
      try {
        set({ whoami: await api.call('session.whoami', {}), error: undefined });
      } catch (error) {
        set({ error: errorMessage(error) });
      }
    },
  }));
}

/**
 * Whether the role may do what needs `permission`. Before the role is known every control shows (the server decides
 * anyway: a refused call says why).
 */
export function roleMay(role: Role | undefined, permission: Permission): boolean {
  return role === undefined || ROLE_PERMISSIONS[role].includes(permission);
}

/** "an editor or owner": the roles that may, weakest first, for a disabled control's tooltip. */
export function rolesThatMay(permission: Permission): string {
  const roles = [...ROLES].reverse().filter((role) => ROLE_PERMISSIONS[role].includes(permission));
  const words = roles.length <= 1 ? roles.join('') : `${roles.slice(0, -1).join(', ')} or ${roles.at(-1) ?? ''}`;
  return `${/^[aeiou]/.test(words) ? 'an' : 'a'} ${words}`;
}

/** "Ada Lovelace" → "AL", "ada" → "AD", "bob.smith" → "BS": the avatar chip's letters. */
export function initialsOf(user: string): string {
  const parts = user.split(/[\s._-]+/).filter((part) => part !== '');
  const letters = parts.length >= 2 ? `${parts[0]?.[0] ?? ''}${parts[1]?.[0] ?? ''}` : user.slice(0, 2);
  return letters.toUpperCase();
}
