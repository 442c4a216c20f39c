import type { CallName, CallOutput, EventPayload, ParsedCallInput } from '../../../src-shared/api/contract.ts';
import type { NodeRegistry } from '../../../src-shared/nodes/registry.ts';
import type { Host } from '../host.ts';
import type { PinStore } from '../../services/pin-store.ts';
import type { WorkflowStore } from '../../services/workflow-store.ts';
import type { ExampleShelf } from '../../services/example-shelf.ts';
import type { Caller } from './caller.ts';
import type { AuditLog } from '../../services/audit/audit-log.ts';

/**
 * The server side of one call: its input already validated against the contract, defaults filled in (and its `by`, if
 * any, the caller's actor), and who makes it.
 */
export type CallImpl<N extends CallName> = (input: ParsedCallInput<N>, caller: Caller) => Promise<CallOutput<N>>;
export type CallImpls<N extends CallName = CallName> = { [K in N]: CallImpl<K> };

/** What the call implementations share. */
export interface ApiContext {
  dataDir: string;
  registry: NodeRegistry;
  /** The example workflows shipped with Operon. */
  examples: ExampleShelf;
  /** The environment providers and their keys are read from (it may change while the server runs). */
  env: NodeJS.ProcessEnv;
  /** The workflow files of a workspace (its folders created on first use). */
  workflows(workspace: string): Promise<WorkflowStore>;
  /** The pinned node outputs of a workspace's workflows (its folders created on first use). */
  pins(workspace: string): Promise<PinStore>;
  /** The workspace's engine host, created once and kept. */
  host(workspace: string): Promise<Host>;
  /** Tells every connection that a run started, waited, continued or ended (`runs.changed`: lists refresh on it). */
  runsChanged(payload: EventPayload<'runs.changed'>): void;
  /** A workflow file was written or removed through the API: the trigger service re-listens to (or deactivates) it. */
  workflowChanged(workspace: string, workflowId: string, change: 'saved' | 'deleted'): Promise<void>;
  /** The workspace's audit trail (created once and kept). */
  audit(workspace: string): AuditLog;
}
