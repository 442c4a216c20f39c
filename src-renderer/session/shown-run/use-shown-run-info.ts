import { useShallow } from 'zustand/react/shallow';
import type { RunStatus } from '../../../src-shared/engine/events.ts';
import { useEditor } from '../editor-context.ts';
import { useShownRunStore } from '../workspace-context.ts';

/** The past run the canvas shows, as its banner (kit/shown-run-banner.tsx) says it. */
export interface ShownRunInfo {
  runId: string;
  status: RunStatus | 'idle';
  startedAt: number;
  /** It ran an earlier version of the workflow. */
  outdated: boolean;
}

/** The past run the canvas shows, for the banner above the run panels; undefined when the canvas shows no past run. */
export function useShownRunInfo(): ShownRunInfo | undefined {
  const { runId, source, status } = useEditor(useShallow((s) => ({ runId: s.run.runId, source: s.run.source, status: s.run.status })));
  const shown = useShownRunStore((s) => s.shown);
  if (source !== 'past' || runId === null || shown?.runId !== runId) return undefined;
  return { runId, status, startedAt: shown.startedAt, outdated: shown.outdated === true };
}
