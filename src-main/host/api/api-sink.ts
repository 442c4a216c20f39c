import type { EventName, EventPayload } from '../../../src-shared/api/contract.ts';

/** One pushed event as a transport sends it (the protocol's `{ event, payload }`), typed by the contract. */
export type PushedEvent = { [E in EventName]: { event: E; payload: EventPayload<E> } }[EventName];

/**
 * How a transport delivers pushed events to one connection: `operon serve`'s WebSocket now, an Electron MessagePort
 * per window later. The API decides what each connection gets (`runs.changed` for all, `run.event` for the runs it
 * watches); the sink only sends, and says how much it holds unsent so a slow reader is noticed.
 */
export interface ApiSink {
  /** Sends one event; never throws (a closed transport drops it). */
  push(message: PushedEvent): void;
  /**
   * Bytes accepted and not yet written out (a WebSocket's `bufferedAmount`). A transport that cannot tell, or has no
   * backpressure, returns 0. When it says more than the high-water mark, watches queue events instead of pushing them,
   * and try again when the transport reports a write ({@link ApiConnection.written}).
   */
  backlog(): number;
}

/** One client's connection to the API, opened by a transport with `ApiHandlers.connect` and closed when the client goes. */
export interface ApiConnection {
  /**
   * Runs one call for this connection. The name and input are checked against the contract first: a malformed request
   * rejects with an ApiError naming each bad field (OPR-160), never with a crash. Resolves with the call's output.
   */
  handle(call: string, input: unknown): Promise<unknown>;
  /**
   * The transport wrote something out (a WebSocket send callback, for answers and events alike): its backlog may have
   * fallen, so the watches waiting for room go on. A transport without backpressure never needs to call it.
   */
  written(): void;
  /** Ends the connection's watches and stops pushing to it; calls still running finish. Idempotent. */
  close(): void;
}
