import type { CallName, CallOutput, EventPayload, ParsedCallInput } from '../../../src-shared/api/contract.ts';
import type { NodeRegistry } from '../../../src-shared/nodes/registry.ts';
import type { Host } from '../host.ts';
import type { PinStore } from '../../services/pin-store.ts';
import type { WorkflowStore } from '../../services/workflow-store.ts';
import type { ExampleShelf } from '../../services/example-shelf.ts';

/** The server side of one call: its input already validated against the contract, defaults filled in. */
export type CallImpl<N extends CallName> = (input: ParsedCallInput<N>) => Promise<CallOutput<N>>;
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
}
