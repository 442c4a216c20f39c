import { z } from 'zod';
import type { CallName, EventName } from './contract.ts';
import type { DesktopCallName, DesktopEventName } from './desktop-contract.ts';
import { ApiErrorInfoSchema } from './errors.ts';

/**
 * The desktop app's bridge, declared once for the three parties that meet on it: the preload exposes it
 * (src-main/electron/preload.ts), the renderer's IPC transport uses it (src-renderer/api/ipc-transport.ts), and the
 * main process answers it (src-main/electron/ipc-router.ts).
 *
 * The renderer sees `window.operon` only. Calls go over `ipcRenderer.invoke` on {@link IPC_CHANNELS}.request (one
 * promise per call, and the main process knows which frame sent each one); pushed events come back on
 * {@link IPC_CHANNELS}.event. A call's answer crosses as a {@link BridgeAnswer} rather than a rejection because the
 * context bridge copies an Error without its properties, and the error code (OPR-xxx) is what the editor needs.
 */
export const BRIDGE_NAME = 'operon';

/** A call's answer as the bridge gives it: the output, or the error as the API sends it. */
export const BridgeAnswerSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), output: z.unknown() }),
  z.object({ ok: z.literal(false), error: ApiErrorInfoSchema }),
]);
export type BridgeAnswer = z.infer<typeof BridgeAnswerSchema>;

/** The names that cross the bridge: the engine contract's and the desktop contract's. */
export type BridgeCallName = CallName | DesktopCallName;
export type BridgeEventName = EventName | DesktopEventName;

/** `window.operon`: what the preload exposes to the renderer, and nothing else (never `ipcRenderer`). */
export interface OperonBridge {
  /** The app's version (package.json). */
  readonly version: string;
  /**
   * Makes one call: the engine contract's (contract.ts, answered by the engine host) or the desktop contract's
   * (desktop-contract.ts, answered by the main process). Only those names cross IPC: any other name is answered with
   * OPR-160 by the bridge itself. Never rejects: a refused or failed call is an answer with `ok: false` (a lost IPC
   * link is OPR-162).
   */
  request(call: BridgeCallName, input: unknown): Promise<BridgeAnswer>;
  /** Receives every pushed event whose name is in either contract; returns the unsubscribe function. */
  onEvent(listener: (event: BridgeEventName, payload: unknown) => void): () => void;
}

/** The IPC channels between the preload and the main process; the renderer never sees them. */
export const IPC_CHANNELS = {
  /** `ipcRenderer.invoke` with an {@link IpcRequest}; the main process answers a {@link BridgeAnswer}. */
  request: 'operon:api-request',
  /** `webContents.send` of a pushed event, `{ event, payload }` as in protocol.ts. */
  event: 'operon:api-event',
} as const;

/** One call as the preload sends it to the main process, which validates it before anything else. */
export const IpcRequestSchema = z.object({ call: z.string().min(1).max(100), input: z.unknown() }).strict();
export type IpcRequest = z.infer<typeof IpcRequestSchema>;
