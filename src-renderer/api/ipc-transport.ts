import { BRIDGE_NAME, BridgeAnswerSchema, type OperonBridge } from '../../src-shared/api/bridge.ts';
import type { ApiTransport } from '../../src-shared/api/client.ts';
import { isCallName } from '../../src-shared/api/contract.ts';
import { API_ERROR_CODES, ApiError } from '../../src-shared/api/errors.ts';
import type { ConnectionStatus } from '../../src-shared/api/socket-transport.ts';

/** The desktop app's bridge (`window.operon`, exposed by the preload) when this page has one, else undefined. */
export function findBridge(scope: object = window): OperonBridge | undefined {
  const bridge: unknown = (scope as Record<string, unknown>)[BRIDGE_NAME];
  if (typeof bridge !== 'object' || bridge === null) return undefined;
  const { request, onEvent } = bridge as Partial<Record<keyof OperonBridge, unknown>>;
  return typeof request === 'function' && typeof onEvent === 'function' ? (bridge as OperonBridge) : undefined;
}

/**
 * The desktop transport: the API over the preload's bridge (Electron IPC to the main process, then a MessagePort to
 * the engine host). The link to the main process does not drop, so the status is `open`; on each `host.restarted` event (the
 * engine host was restarted) it goes `closed` and `open` again, as after a WebSocket reconnect, so the live runs watch
 * again.
 */
export function createIpcTransport(bridge: OperonBridge, options: { onStatus?: (status: ConnectionStatus) => void } = {}): ApiTransport {
  options.onStatus?.('open');
  bridge.onEvent((event) => {
    if (event !== 'host.restarted') return;
    options.onStatus?.('closed');
    options.onStatus?.('open');
  });
  return {
    async request(name, input) {
      if (!isCallName(name)) throw new ApiError(API_ERROR_CODES.badRequest, `unknown call ${JSON.stringify(name)}`);
      const parsed = BridgeAnswerSchema.safeParse(await bridge.request(name, input));
      if (!parsed.success)
        throw new ApiError(API_ERROR_CODES.transport, `${name}: the desktop bridge answered something that is not an answer`);
      if (!parsed.data.ok) throw ApiError.fromInfo(parsed.data.error);
      return parsed.data.output;
    },
    onEvent(handler) {
      return bridge.onEvent(handler);
    },
  };
}
