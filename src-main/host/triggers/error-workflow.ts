import { randomBytes } from 'node:crypto';
import type { ErrorPayload } from '../../../src-shared/nodes/types/triggers/error-trigger.ts';
import { WorkflowSchema } from '../../../src-shared/workflow/schema.ts';
import type { Firing } from '../../../src-shared/triggers/service-schemas.ts';
import { readRun } from '../../services/run-log/run-reader.ts';
import type { WorkflowStore } from '../../services/workflow-store.ts';
import type { Host } from '../host.ts';
import type { EndedRun, RunLauncher } from '../run-launcher.ts';
import type { Dispatcher } from './dispatcher.ts';

export interface ErrorWorkflowDeps {
  launcher: RunLauncher;
  dispatcher: Dispatcher;
  host: (workspace: string) => Promise<Host>;
  workflows: (workspace: string) => Promise<WorkflowStore>;
  logged: (workspace: string, firing: Firing) => Promise<void>;
  onUnexpected: (error: unknown) => void;
}

/**
 * n8n's error workflow: when a run of a workflow whose settings (as the run's snapshot has them) name an error workflow
 * fails, that workflow starts from its Error trigger with the failure (workflow, run, node, code, message, and the
 * run's inputs as its log has them, secrets redacted). It need not be active, but must exist and have an Error
 * trigger; otherwise a firing with outcome `failed` says why (OPR-236). A run an Error trigger started starts no error
 * workflow when it fails (no loop).
 */
export function startErrorWorkflows(deps: ErrorWorkflowDeps): { stop: () => void; settled: () => Promise<void> } {
  const pending = new Set<Promise<void>>();
  const onEnded = async (ended: EndedRun): Promise<void> => {
    if (ended.result.status !== 'failed') return;
    const host = await deps.host(ended.workspace);
    const run = await readRun(host.paths.runs, ended.runId);
    const snapshot = WorkflowSchema.safeParse(run.workflow);
    if (!snapshot.success) return;
    const failed = snapshot.data;
    const target = failed.settings.errorWorkflow;
    if (target === undefined || run.trigger.type === 'error' || run.parent !== undefined) return;
    const refuse = (reason: string): Promise<void> =>
      deps.logged(ended.workspace, {
        id: `f-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`,
        at: Date.now(),
        workflowId: target,
        nodeId: '',
        kind: 'error',
        payloadBytes: 0,
        outcome: 'failed',
        code: 'OPR-236',
        reason,
      });
    const store = await deps.workflows(ended.workspace);
    const workflow = await store.read(target).catch(() => undefined);
    if (workflow === undefined)
      return refuse(`"${failed.name}" failed (run ${ended.runId}) and names error workflow "${target}", which does not exist`);
    const trigger = workflow.nodes.find((node) => node.type === 'core.error-trigger');
    if (trigger === undefined)
      return refuse(
        `"${failed.name}" failed (run ${ended.runId}); its error workflow "${workflow.name}" has no Error trigger to start from`,
      );
    const error = ended.result.error;
    const payload: ErrorPayload = {
      workflowId: run.workflowId,
      workflowName: failed.name,
      runId: ended.runId,
      ...(error?.nodeId === undefined ? {} : { nodeId: error.nodeId }),
      code: error?.code ?? 'OPR-000',
      message: host.redact(error?.message ?? 'the run failed'),
      inputs: run.inputs,
      failedAt: new Date().toISOString(),
    };
    await deps.dispatcher.fire(
      { workspace: ended.workspace, workflowId: target, nodeId: trigger.id, kind: 'error', payload: { ...payload } },
      { evenIfInactive: true },
    );
  };
  const stop = deps.launcher.onEnded((ended) => {
    const handled = onEnded(ended).catch(deps.onUnexpected);
    pending.add(handled);
    void handled.then(() => pending.delete(handled));
  });
  return {
    stop,
    /** Resolves once every failure seen so far has started its error workflow (or logged why not). */
    settled: async () => {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}
