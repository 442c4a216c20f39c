import type { WorkspaceApi } from '../api-context.ts';
import type { EditorStore } from '../editor-store/index.ts';
import type { EditorSession } from '../editor-context.ts';
import { registry } from '../create-editor-session.ts';
import { nodeStatesFromTimeline } from './node-states.ts';
import { rememberTimeline } from '../timeline/timeline-cache.ts';
import type { ShownRun, ShownRunStore } from './shown-run-store.ts';
import { ranEarlierVersion } from './workflow-version.ts';

/**
 * Draws a run of the open workflow on the canvas from its timeline (every node's status) and records whether it ran
 * an earlier version of the workflow (its snapshot against the document as it is now, unsaved edits included).
 * Reads two calls (`runs.get`, `runs.timeline`), never the run's whole log.
 */
export async function showPastRun(api: WorkspaceApi, store: EditorStore, shownRun: ShownRunStore, runId: string): Promise<ShownRun> {
  const [{ run }, timeline] = await Promise.all([api.call('runs.get', { runId }), api.call('runs.timeline', { runId })]);
  rememberTimeline(run.status, timeline);
  const actions = store.getState().actions;
  actions.showRun({ runId, status: run.status, nodes: nodeStatesFromTimeline(timeline.rows), source: 'past' });
  const shown: ShownRun = {
    runId,
    workflowId: run.workflowId,
    status: run.status,
    interrupted: run.interrupted,
    startedAt: run.startedAt,
    outdated: ranEarlierVersion(run.workflow, actions.toWorkflow(), registry),
  };
  shownRun.getState().setShown(shown);
  return shown;
}

/**
 * Redraws a shown run that is still going on from its timeline alone (one call; its `runs.get` carries the workflow
 * snapshot, megabytes on a big run, and what it says does not change while the run goes on).
 */
export async function refreshShownRun(api: WorkspaceApi, store: EditorStore, shownRun: ShownRunStore, runId: string): Promise<void> {
  const timeline = await api.call('runs.timeline', { runId });
  const shown = shownRun.getState().shown;
  if (store.getState().run.runId !== runId) return; // another run was opened meanwhile
  rememberTimeline(timeline.status, timeline);
  store.getState().actions.showRun({ runId, status: timeline.status, nodes: nodeStatesFromTimeline(timeline.rows), source: 'past' });
  if (shown?.runId === runId && shown.status !== timeline.status) shownRun.getState().setShown({ ...shown, status: timeline.status });
}

/**
 * Opens a run on the canvas: draws it from its timeline, and when it is still going on (running in a live process, or
 * waiting for a person) lets the run session watch it, so its pauses and approvals can be acted on from this window.
 */
export async function openRunInSession(api: WorkspaceApi, session: EditorSession, shownRun: ShownRunStore, runId: string): Promise<void> {
  const shown = await showPastRun(api, session.store, shownRun, runId);
  const goingOn = shown.status === 'queued' || shown.status === 'waiting' || (shown.status === 'running' && !shown.interrupted);
  if (goingOn) await session.run.getState().actions.attach(runId);
}
