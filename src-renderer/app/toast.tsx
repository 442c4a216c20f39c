import { useEffect } from 'react';
import { TEST_IDS } from '../test-ids.ts';
import { useToastStore } from '../session/workspace-context.ts';

const SHOW_MS = 5000;

/** The last short message, hidden after a few seconds or on click. */
export function Toast() {
  const message = useToastStore((s) => s.message);
  const serial = useToastStore((s) => s.serial);
  const hide = useToastStore((s) => s.hide);
  useEffect(() => {
    if (message === null) return;
    const timer = setTimeout(hide, SHOW_MS);
    return () => clearTimeout(timer);
  }, [message, serial, hide]);
  if (message === null) return null;
  return (
    <div className="toast" role="status" data-testid={TEST_IDS.toast} onClick={hide}>
      {message}
    </div>
  );
}
