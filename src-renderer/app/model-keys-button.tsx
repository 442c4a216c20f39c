import { useCallback, useState } from 'react';
import { ProviderKeysDialog } from '../panels/provider-keys/provider-keys-dialog.tsx';
import { useProviderKeys } from '../session/desktop/use-provider-keys.ts';
import { useDesktop } from '../session/workspace-context.ts';
import { TEST_IDS } from '../test-ids.ts';

/** The top bar's Model keys button and its dialog: desktop app only (a browser has nowhere safe to keep keys). */
export function ModelKeysButton() {
  const desktop = useDesktop();
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  if (desktop === undefined) return null;
  return (
    <>
      <button type="button" data-testid={TEST_IDS.providerKeysButton} onClick={() => setOpen(true)} title="API keys for model providers">
        Model keys
      </button>
      {open && <OpenDialog onClose={close} />}
    </>
  );
}

/** Lists the keys while the dialog is open. */
function OpenDialog({ onClose }: { onClose: () => void }) {
  const keys = useProviderKeys();
  return keys === undefined ? null : <ProviderKeysDialog keys={keys} onClose={onClose} />;
}
