import { WebSocket } from 'ws';
import { describeBytes, type ServeLimits } from './serve-limits.ts';

/** The close codes `operon serve` ends a connection with (RFC 6455, section 7.4.1). */
export const CLOSE_CODES = {
  protocolError: 1002,
  invalidData: 1007,
  policyViolation: 1008,
  messageTooBig: 1009,
  goingAway: 1001,
} as const;

/**
 * The reason sent with a close that ws makes by itself on a protocol error (it closes with a code only): what was
 * wrong, and for a message too big, the limit. Undefined for any other code.
 */
export function protocolCloseReason(code: number, limits: ServeLimits): string | undefined {
  switch (code) {
    case CLOSE_CODES.messageTooBig:
      return `message too big: the limit is ${describeBytes(limits.maxPayloadBytes)}`;
    case CLOSE_CODES.invalidData:
      return 'invalid UTF-8 in a text message or close reason';
    case CLOSE_CODES.protocolError:
      return 'WebSocket protocol error (a bad frame: see RFC 6455)';
    case CLOSE_CODES.policyViolation:
      return 'too many fragments in one message';
    default:
      return undefined;
  }
}

/**
 * The WebSocket class the server's connections use (ws's `WebSocket` option): ws's own, except that the close it
 * sends on a protocol error carries a reason (ws calls `close(code)` with no reason there; every other close names
 * its reason or echoes the client's, and is left alone).
 */
export function apiWebSocketClass(limits: ServeLimits): typeof WebSocket {
  return class ApiWebSocket extends WebSocket {
    override close(code?: number, data?: string | Buffer): void {
      super.close(code, data ?? (code === undefined ? undefined : protocolCloseReason(code, limits)));
    }
  };
}
