import { useEffect, useState } from 'react';
import { VIEWER_IDS } from '../test-ids.ts';
import { writeClipboard } from './system-clipboard.ts';

/** Copies a value's whole text to the clipboard (`text` may fetch it first: a large value). */
export function CopyButton({ text, label = 'Copy' }: { text: () => string | Promise<string>; label?: string }) {
  const [state, setState] = useState<'idle' | 'copying' | 'copied' | 'failed'>('idle');
  const [failure, setFailure] = useState<string>();
  useEffect(() => {
    if (state !== 'copied' && state !== 'failed') return;
    const timer = setTimeout(() => setState('idle'), 1200);
    return () => clearTimeout(timer);
  }, [state]);
  const copy = async () => {
    setState('copying');
    try {
      await writeClipboard(await text());
      setState('copied');
    } catch (error) {
      setFailure(`Could not copy: ${error instanceof Error ? error.message : String(error)}`);
      setState('failed');
    }
  };
  return (
    <button
      type="button"
      className="small"
      data-testid={VIEWER_IDS.valueCopy}
      disabled={state === 'copying'}
      title={state === 'failed' ? failure : undefined}
      onClick={() => void copy()}
    >
      {state === 'copied' ? 'Copied' : state === 'copying' ? 'Copying…' : state === 'failed' ? 'Copy failed' : label}
    </button>
  );
}
