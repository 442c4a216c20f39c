import { useEffect, useState } from 'react';
import type { ProviderInfo } from '../../../src-shared/api/schemas.ts';
import { useApi } from '../workspace-context.ts';

/**
 * The workspace's configured model providers (names and listed models), asked once per mounted picker: undefined
 * until they arrive, or when they cannot be listed (the pickers then take typed names).
 */
export function useProviders(): ProviderInfo[] | undefined {
  const api = useApi();
  const [providers, setProviders] = useState<ProviderInfo[]>();
  useEffect(() => {
    let live = true;
    api.call('providers.list', {}).then(
      (listed) => live && setProviders(listed.providers),
      () => live && setProviders(undefined),
    );
    return () => {
      live = false;
    };
  }, [api]);
  return providers;
}
