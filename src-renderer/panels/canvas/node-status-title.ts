import type { NodeRunState } from '../../editor/store/index.ts';

/** A status badge's tooltip: why a node is paused, or where a reused node's outputs came from. */
export function statusTitle(status: string, run: NodeRunState | undefined): string | undefined {
  if (status === 'paused') return run?.pauseReason === 'step' ? 'Paused: stepping' : 'Paused at a breakpoint';
  if (status === 'reused') {
    const from = run?.reusedFrom;
    if (from === undefined) return 'Not run: outputs reused';
    return from.kind === 'pin' ? 'Not run: pinned outputs' : `Not run: outputs of run ${from.runId}`;
  }
  return run?.reason;
}
