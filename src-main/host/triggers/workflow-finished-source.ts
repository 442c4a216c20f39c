import type { WorkflowFinishedPayload } from '../../../src-shared/nodes/types/triggers/workflow-finished-trigger.ts';
import type { EndedRun, RunLauncher } from '../run-launcher.ts';
import type { ListenedTrigger, TriggerDispatcher, TriggerSource, TriggerStatus } from './trigger-source.ts';

interface Follower {
  workflowId: string;
  nodeId: string;
  /** The workflow it follows. */
  follows: string;
  on: 'success' | 'failure' | 'both';
}

/**
 * The Workflow finished trigger's source: when a run of workflow X ends in this server (succeeded or failed, whatever
 * started it), every active workflow with a Workflow finished trigger following X with a matching `on` fires with the
 * run's outputs (and its error on failure). Runs of other processes (`operon run`) are not seen. A chain that loops
 * (A follows B follows A) is stopped by the dispatcher after MAX_CHAIN_DEPTH firings; a workflow following itself is
 * refused at activation.
 */
export function createWorkflowFinishedSource(
  launcher: RunLauncher,
  dispatcher: TriggerDispatcher,
  onUnexpected: (error: unknown) => void,
): TriggerSource {
  const followers = new Map<string, Map<string, Follower[]>>();
  const stopListening = launcher.onEnded((ended) => {
    const status = ended.result.status;
    if (status !== 'succeeded' && status !== 'failed') return;
    for (const list of followers.get(ended.workspace)?.values() ?? [])
      for (const follower of list)
        if (follower.follows === ended.workflowId && matches(follower.on, status))
          dispatcher
            .fire({
              workspace: ended.workspace,
              workflowId: follower.workflowId,
              nodeId: follower.nodeId,
              kind: 'workflow',
              payload: payloadOf(ended, status),
            })
            .catch(onUnexpected);
  });
  return {
    kind: 'workflow',
    listen(workspace, workflowId, triggers: ListenedTrigger[]) {
      let byWorkflow = followers.get(workspace);
      if (byWorkflow === undefined) followers.set(workspace, (byWorkflow = new Map<string, Follower[]>()));
      if (triggers.length === 0) byWorkflow.delete(workflowId);
      else
        byWorkflow.set(
          workflowId,
          triggers.map((trigger) => ({
            workflowId,
            nodeId: trigger.node.id,
            follows: String(trigger.config.workflowId),
            on: trigger.config.on === 'failure' || trigger.config.on === 'both' ? trigger.config.on : 'success',
          })),
        );
      return Promise.resolve();
    },
    status(): TriggerStatus {
      return {};
    },
    close() {
      stopListening();
      followers.clear();
      return Promise.resolve();
    },
  };
}

function matches(on: Follower['on'], status: 'succeeded' | 'failed'): boolean {
  return on === 'both' || (on === 'success') === (status === 'succeeded');
}

function payloadOf(ended: EndedRun, status: 'succeeded' | 'failed'): Record<string, unknown> {
  const { error } = ended.result;
  const payload: WorkflowFinishedPayload = {
    workflowId: ended.workflowId,
    runId: ended.runId,
    status,
    outputs: ended.result.outputs,
    ...(error === undefined
      ? {}
      : { error: { code: error.code, message: error.message, ...(error.nodeId === undefined ? {} : { nodeId: error.nodeId }) } }),
    finishedAt: new Date().toISOString(),
  };
  return { ...payload };
}
