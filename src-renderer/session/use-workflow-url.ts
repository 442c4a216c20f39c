import { useEffect, useRef } from 'react';
import { workflowHash, workflowIdOfHash } from '../editor/workflow-url.ts';

interface UrlSync {
  /** Whether workflows can be opened yet (the catalogue has loaded). */
  ready: boolean;
  openId: string | undefined;
  open: (id: string) => Promise<boolean>;
  close: () => void;
}

/**
 * Keeps the page URL on the open workflow (`#/workflows/<id>`): a reload or a bookmark reopens it, and the browser's
 * Back and Forward move between the workflows opened. Opening one pushes a history entry; one that cannot be opened
 * (deleted since) leaves the start page's URL.
 */
export function useWorkflowUrl({ ready, openId, open, close }: UrlSync): void {
  const restored = useRef(false);
  const latest = useRef({ open, close, openId });
  latest.current = { open, close, openId };

  // The URL the page was loaded with: reopen its workflow once the catalogue is there.
  useEffect(() => {
    if (!ready || restored.current) return;
    restored.current = true;
    const id = workflowIdOfHash(window.location.hash);
    if (id !== undefined && id !== openId)
      void open(id).then((opened) => opened || window.history.replaceState(null, '', workflowHash(undefined)));
  }, [ready, openId, open]);

  // The open workflow changed: the URL follows.
  useEffect(() => {
    if (!restored.current) return;
    const hash = workflowHash(openId);
    if (window.location.hash !== hash && !(openId === undefined && window.location.hash === '')) window.history.pushState(null, '', hash);
  }, [openId]);

  // Back and Forward: open what the URL names.
  useEffect(() => {
    const onPop = () => {
      const { open: openNow, close: closeNow, openId: current } = latest.current;
      const id = workflowIdOfHash(window.location.hash);
      if (id === current) return;
      if (id === undefined) closeNow();
      // One that cannot be opened (deleted since) leaves the URL on what is open.
      else void openNow(id).then((opened) => opened || window.history.replaceState(null, '', workflowHash(latest.current.openId)));
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
}
