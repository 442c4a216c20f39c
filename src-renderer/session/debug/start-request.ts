import type { WorkspaceApi } from '../api-context.ts';
import type { WorkspaceCallInput } from '../api-context.ts';

/** How the editor starts a run: plain, in debug mode, from a node (partial) or up to a node. */
export interface RunStartOptions {
  /** Pause before each breakpointed node (with none set, before the first node: stepping). */
  debug?: boolean;
  /** Re-run this node and everything downstream of it, reusing a past run's outputs upstream. */
  from?: string;
  /** The past run `from` reuses; default the run on the canvas, else this workflow's latest run. */
  fromRunId?: string;
  /** Run only this node and what it depends on. */
  to?: string;
}

/**
 * The `runs.start` input of an editor run. Editor runs are design runs: pinned outputs apply (`pins: true`). A run
 * from a node sends no inputs, so the past run's inputs are used again and only the re-run part differs.
 */
export function startInput(request: {
  workflowId: string;
  inputs: Record<string, unknown>;
  options: RunStartOptions;
  breakpoints: readonly string[];
  fromRunId: string | undefined;
}): WorkspaceCallInput<'runs.start'> {
  const { workflowId, inputs, options, breakpoints, fromRunId } = request;
  return {
    workflowId,
    pins: true,
    ...(options.from === undefined || fromRunId === undefined ? { inputs } : { from: { runId: fromRunId, nodeId: options.from } }),
    ...(options.to === undefined ? {} : { to: options.to }),
    ...(options.debug === true ? { debug: { breakpoints: [...breakpoints] } } : {}),
  };
}

/** The past run a run from a node reuses: the one chosen, else the run on the canvas, else the workflow's latest. */
export async function pastRunFor(
  api: WorkspaceApi,
  workflowId: string,
  chosen: string | undefined,
  onCanvas: string | null,
): Promise<string> {
  if (chosen !== undefined) return chosen;
  if (onCanvas !== null) return onCanvas;
  const { runs } = await api.call('runs.list', { workflowId, limit: 20 });
  const latest = runs.find((run) => run.kind === 'run');
  if (latest === undefined) throw new Error('no past run of this workflow to reuse: run it once first');
  return latest.runId;
}
