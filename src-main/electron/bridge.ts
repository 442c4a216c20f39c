import {
  BridgeAnswerSchema,
  IPC_CHANNELS,
  type BridgeAnswer,
  type BridgeEventName,
  type OperonBridge,
} from '../../src-shared/api/bridge.ts';
import { isCallName, isEventName } from '../../src-shared/api/contract.ts';
import { isDesktopCallName, isDesktopEventName } from '../../src-shared/api/desktop-contract.ts';
import { API_ERROR_CODES } from '../../src-shared/api/errors.ts';
import { EventMessageSchema } from '../../src-shared/api/protocol.ts';

/** The part of Electron's `ipcRenderer` the bridge uses; the preload passes the real one, tests a double. */
export interface IpcRendererLike {
  invoke(channel: string, message: unknown): Promise<unknown>;
  on(channel: string, listener: (event: unknown, message: unknown) => void): unknown;
}

/**
 * Builds `window.operon` over `ipc`: `request` lets through only the contracts' call names (the engine's and the
 * desktop shell's), `onEvent` delivers only their event names, and every answer from the main process is checked to be a {@link BridgeAnswer}. The
 * names come from the contract (src-shared/api/contract.ts), so a new API call needs no change here. Payloads and
 * outputs are checked against their schemas by the typed client in the renderer, as for every transport.
 */
export function createBridge(ipc: IpcRendererLike, version: string): OperonBridge {
  const listeners = new Set<(event: BridgeEventName, payload: unknown) => void>();
  ipc.on(IPC_CHANNELS.event, (_event, message) => {
    const parsed = EventMessageSchema.safeParse(message);
    if (!parsed.success) return;
    const { event, payload } = parsed.data;
    if (!isEventName(event) && !isDesktopEventName(event)) return;
    for (const listener of [...listeners]) {
      try {
        listener(event, payload);
      } catch {
        // A listener's failure is its own: the other listeners still get the event.
      }
    }
  });

  return Object.freeze({
    version,
    async request(call: unknown, input: unknown): Promise<BridgeAnswer> {
      if (typeof call !== 'string' || !(isCallName(call) || isDesktopCallName(call)))
        return failed(API_ERROR_CODES.badRequest, `unknown call ${JSON.stringify(call)}: not in the Operon API contract`);
      let answer: unknown;
      try {
        answer = await ipc.invoke(IPC_CHANNELS.request, { call, input });
      } catch (error) {
        return failed(
          API_ERROR_CODES.transport,
          `${call}: the desktop app did not answer: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      const parsed = BridgeAnswerSchema.safeParse(answer);
      return parsed.success
        ? parsed.data
        : failed(API_ERROR_CODES.transport, `${call}: the desktop app answered something that is not an answer`);
    },
    onEvent(listener: (event: BridgeEventName, payload: unknown) => void): () => void {
      if (typeof listener !== 'function') throw new TypeError('operon.onEvent needs a function');
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  });
}

function failed(code: (typeof API_ERROR_CODES)[keyof typeof API_ERROR_CODES], message: string): BridgeAnswer {
  return { ok: false, error: { code, message } };
}
