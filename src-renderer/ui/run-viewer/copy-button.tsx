import { useEffect, useState } from 'react';
import { VIEWER_IDS } from '../../test-ids.ts';
import { writeClipboard } from '../system-clipboard.ts';
import { showToast } from '../toast-store.ts';

/** Copies a value's whole text to the clipboard (`text` may fetch it first: a large value). */
export function CopyButton({ text, label = 'Copy' }: { text: () => string | Promise<string>; label?: string }) {
  const [state, setState] = useState<'idle' | 'copying' | 'copied'>('idle');
  useEffect(() => {
    if (state !== 'copied') return;
    const timer = setTimeout(() => setState('idle'), 1200);
    return () => clearTimeout(timer);
  }, [state]);
  const copy = async () => {
    setState('copying');
    try {
      await writeClipboard(await text());
      setState('copied');
    } catch (error) {
      setState('idle');
      showToast(`Could not copy: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  return (
    <button type="button" className="small" data-testid={VIEWER_IDS.valueCopy} disabled={state === 'copying'} onClick={() => void copy()}>
      {state === 'copied' ? 'Copied' : state === 'copying' ? 'Copying…' : label}
    </button>
  );
}
