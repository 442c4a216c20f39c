import { useCallback, useEffect, useState } from 'react';
import type { z } from 'zod';
import type { DesktopCallOutput, KeyStorageSchema } from '../../../src-shared/api/desktop-contract.ts';
import { ApiError } from '../../../src-shared/api/errors.ts';
import { useDesktop } from '../workspace-context.ts';

export type KeyStorage = z.infer<typeof KeyStorageSchema>;
export type StoredKey = DesktopCallOutput<'desktop.providerKeys.list'>['keys'][number];

/** The provider keys the desktop app keeps (names and dates only: a value goes in, never comes back out). */
export interface ProviderKeys {
  /** Undefined until the first answer. */
  listed: { storage: KeyStorage; keys: StoredKey[] } | undefined;
  /** The last call's failure, with its OPR code; cleared by the next call that succeeds. */
  error: string | undefined;
  busy: boolean;
  /** Stores a key (replacing one of that name); true when stored. */
  save(name: string, value: string): Promise<boolean>;
  remove(name: string): Promise<void>;
}

/**
 * The desktop app's provider keys (desktop-contract.ts `desktop.providerKeys.*`), listed when the hook mounts and
 * after each change; undefined in a browser, which has no place to keep them.
 */
export function useProviderKeys(): ProviderKeys | undefined {
  const desktop = useDesktop();
  const [listed, setListed] = useState<ProviderKeys['listed']>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(async () => {
    if (desktop === undefined) return;
    setListed(await desktop.call('desktop.providerKeys.list', {}));
  }, [desktop]);

  /** Runs a call, then lists again; a failure is kept to show, never thrown. */
  const attempt = useCallback(
    async (call: () => Promise<unknown>): Promise<boolean> => {
      setBusy(true);
      try {
        await call();
        setError(undefined);
        return true;
      } catch (failure) {
        setError(describe(failure));
        return false;
      } finally {
        await refresh().catch((failure: unknown) => setError(describe(failure)));
        setBusy(false);
      }
    },
    [refresh],
  );

  useEffect(() => {
    refresh().catch((failure: unknown) => setError(describe(failure)));
  }, [refresh]);

  if (desktop === undefined) return undefined;
  return {
    listed,
    error,
    busy,
    save: (name, value) => attempt(() => desktop.call('desktop.providerKeys.set', { name, value })),
    remove: async (name) => {
      await attempt(() => desktop.call('desktop.providerKeys.remove', { name }));
    },
  };
}

function describe(failure: unknown): string {
  if (failure instanceof ApiError) return `${failure.code}: ${failure.message}`;
  return failure instanceof Error ? failure.message : String(failure);
}
