import type { Pin } from '../../../src-shared/api/debug-schemas.ts';
import { errorMessage, type WorkspaceApi } from '../api-context.ts';

/** What to pin: outputs typed in, or the node's outputs in a past run. */
export type PinSource = { outputs: Record<string, unknown> } | { fromRunId: string };

export interface PinActions {
  /** Reads the workflow's pins (a failure leaves them as they were). */
  loadPins: () => Promise<void>;
  /** Pins a node's outputs for design runs; resolves whether it worked (else `error` says why). */
  pin: (nodeId: string, source: PinSource) => Promise<boolean>;
  unpin: (nodeId: string) => Promise<boolean>;
}

/** Pinned outputs of one workflow, kept beside it on the server; the editor's runs use them (`pins: true`). */
export function createPinActions(options: {
  api: WorkspaceApi;
  workflowId: string;
  getPins: () => Readonly<Record<string, Pin>>;
  setPins: (pins: Readonly<Record<string, Pin>>) => void;
  setError: (message: string | undefined) => void;
}): PinActions {
  const { api, workflowId, getPins, setPins, setError } = options;
  return {
    async loadPins() {
      try {
        const { pins } = await api.call('pins.list', { workflowId });
        setPins(pins);
      } catch {
        // No pins shown is the safe reading: design runs still use whatever the server holds.
      }
    },
    async pin(nodeId, source) {
      try {
        const { pin } = await api.call('pins.set', { workflowId, nodeId, ...source });
        setPins({ ...getPins(), [nodeId]: pin });
        setError(undefined);
        return true;
      } catch (error) {
        setError(`Pin failed: ${errorMessage(error)}`);
        return false;
      }
    },
    async unpin(nodeId) {
      try {
        await api.call('pins.remove', { workflowId, nodeId });
        const { [nodeId]: _removed, ...rest } = getPins();
        setPins(rest);
        setError(undefined);
        return true;
      } catch (error) {
        setError(`Unpin failed: ${errorMessage(error)}`);
        return false;
      }
    },
  };
}
