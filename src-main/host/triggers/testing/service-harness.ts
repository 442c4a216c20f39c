import { createBuiltinRegistry } from '../../../../src-shared/nodes/builtin.ts';
import type { EventName, EventPayload } from '../../../../src-shared/api/contract.ts';
import { buildWorkflow } from '../../../../src-shared/engine/testing/build-workflow.ts';
import type { Workflow } from '../../../../src-shared/workflow/schema.ts';
import { ensureWorkspace, workspacePaths } from '../../../services/data-dir.ts';
import { waitUntil } from '../../../services/testing/waiting.ts';
import { createWorkflowStore, type WorkflowStore } from '../../../services/workflow-store.ts';
import { createApiHandlers, type ApiHandlers } from '../../api/api-handlers.ts';
import type { PushedEvent } from '../../api/api-sink.ts';
import type { TriggerService } from '../trigger-service.ts';

export const registry = createBuiltinRegistry();

/** The API with the trigger service on a data folder, one connection recording what is pushed to it. */
export interface ServiceHarness {
  handlers: ApiHandlers;
  service: TriggerService;
  call(name: string, input: Record<string, unknown>): Promise<unknown>;
  pushed: PushedEvent[];
  /** Payloads of one pushed event so far. */
  events<E extends EventName>(event: E): EventPayload<E>[];
  /** Resolves once `runs.changed` said the run reached `status`. */
  waitForStatus(runId: string, status: string): Promise<void>;
  store: WorkflowStore;
  lines: string[];
  close(): Promise<void>;
}

export async function startService(dataDir: string): Promise<ServiceHarness> {
  await ensureWorkspace(workspacePaths(dataDir, 'default'));
  const lines: string[] = [];
  const handlers = createApiHandlers({ dataDir, env: {}, registry, triggers: { log: (line) => lines.push(line) } });
  await handlers.ready;
  const pushed: PushedEvent[] = [];
  const connection = handlers.connect({ push: (message) => pushed.push(message), backlog: () => 0 });
  const events = <E extends EventName>(event: E): EventPayload<E>[] =>
    pushed.filter((message) => message.event === event).map((message) => message.payload as EventPayload<E>);
  const service = handlers.triggers;
  if (service === undefined) throw new Error('the trigger service did not start');
  return {
    handlers,
    service,
    call: (name, input) => connection.handle(name, { workspace: 'default', ...input }),
    pushed,
    events,
    waitForStatus: (runId, status) =>
      waitUntil(
        () => events('runs.changed').some((change) => change.runId === runId && change.status === status),
        () => `run ${runId} is ${status} (seen: ${JSON.stringify(events('runs.changed'))})`,
      ),
    store: createWorkflowStore(workspacePaths(dataDir, 'default').workflows),
    lines,
    close: () => handlers.close(),
  };
}

/** A workflow with a Webhook trigger `hook` whose run GETs `gateUrl` (held until the gate opens) and outputs its body as `reply`. */
export function gatedWorkflow(id: string, gateUrl: string, settings: Record<string, unknown> = {}): Workflow {
  return {
    ...buildWorkflow(
      registry,
      [
        { id: 'hook', type: 'core.webhook-trigger', config: { path: 'in' } },
        { id: 'wait', type: 'core.http-request', config: { method: 'GET', url: `${gateUrl}/gate`, timeoutMs: 600000 } },
        { id: 'result', type: 'core.output', config: { name: 'reply' } },
      ],
      ['hook.out -> wait.in', 'wait.out -> result.in'],
      settings,
    ),
    id,
    name: id,
  };
}

/** Fires workflow `workflowId`'s trigger `hook` with a small payload, through the service's real dispatcher. */
export function fireHook(harness: ServiceHarness, workflowId: string, payload: Record<string, unknown> = { n: 1 }) {
  return harness.service.dispatcher.fire({ workspace: 'default', workflowId, nodeId: 'hook', kind: 'webhook', payload });
}
