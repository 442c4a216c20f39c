import type { ApiClient } from '../../src-shared/api/client.ts';
import type { CallInput, CallName, CallOutput, EventName, EventPayload } from '../../src-shared/api/contract.ts';

export { errorMessage } from '../../src-shared/api/error-message.ts';

/** The workspace the editor opens (it has no workspace switcher yet). */
export const DEFAULT_WORKSPACE = 'default';

/** A call's input without its workspace: the bound client adds it. */
export type WorkspaceCallInput<N extends CallName> = Omit<CallInput<N>, 'workspace'>;

/**
 * The typed API bound to one workspace: every call names it and only its events are delivered, so no call site passes
 * or checks a workspace. Every API call of the renderer goes through one of these, made in session/.
 */
export interface WorkspaceApi {
  readonly workspace: string;
  call<N extends CallName>(name: N, input: WorkspaceCallInput<N>): Promise<CallOutput<N>>;
  /** The workspace's pushed events of one name; returns the unsubscribe function. */
  on<E extends EventName>(name: E, handler: (payload: EventPayload<E>) => void): () => void;
}

/** Binds the client to `workspace`. */
export function bindWorkspace(client: ApiClient, workspace: string): WorkspaceApi {
  return {
    workspace,
    call: (name, input) => client.call(name, { ...input, workspace } as CallInput<typeof name>),
    on: (name, handler) =>
      client.on(name, (payload) => {
        if (payload.workspace === workspace) handler(payload);
      }),
  };
}
