import { useEffect } from 'react';
import { useStore } from 'zustand';
import type { Permission, Role } from '../../../src-shared/api/permissions.ts';
import { useConnectionStore } from '../connection-store.ts';
import { useWorkspaceStores } from '../workspace-context.ts';
import { roleMay, type WhoamiState } from './whoami-store.ts';

export const useWhoamiStore = <T>(selector: (state: WhoamiState) => T): T => useStore(useWorkspaceStores().whoami, selector);

/** The role in the open workspace, read when the connection opens (undefined until then). */
export function useRole(): Role | undefined {
  const store = useWorkspaceStores().whoami;
  const connection = useConnectionStore((s) => s.status);
  useEffect(() => {
    if (connection === 'open') void store.getState().load();
  }, [store, connection]);
  return useStore(store, (s) => s.whoami?.role);
}

/** Whether the person may do what needs `permission` here (true until the role is known; the server decides). */
export function useCan(permission: Permission): boolean {
  return roleMay(
    useWhoamiStore((s) => s.whoami?.role),
    permission,
  );
}
