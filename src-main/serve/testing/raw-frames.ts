import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { API_PATH } from '../../../src-shared/api/protocol.ts';

/** How to build one WebSocket frame by hand: the fields a well-behaved client never gets wrong. */
export interface FrameOptions {
  fin?: boolean;
  /** RSV1..3 as three bits (0b100 is RSV1); must be 0 without an extension. */
  rsv?: number;
  /** A client must mask every frame; false sends it in the clear. */
  mask?: boolean;
  /** The payload length the header claims, when it should differ from the payload sent (a message said to be huge). */
  claimedLength?: number;
}

/** One frame, client to server (RFC 6455, section 5.2). */
export function frame(opcode: number, payload: Buffer, options: FrameOptions = {}): Buffer {
  const { fin = true, rsv = 0, mask = true } = options;
  const length = options.claimedLength ?? payload.length;
  const head = [(fin ? 0x80 : 0) | ((rsv & 0b111) << 4) | (opcode & 0x0f)];
  const maskBit = mask ? 0x80 : 0;
  let extended = Buffer.alloc(0);
  if (length < 126) head.push(maskBit | length);
  else if (length < 0x10000) {
    head.push(maskBit | 126);
    extended = Buffer.alloc(2);
    extended.writeUInt16BE(length);
  } else {
    head.push(maskBit | 127);
    extended = Buffer.alloc(8);
    extended.writeBigUInt64BE(BigInt(length));
  }
  if (!mask) return Buffer.concat([Buffer.from(head), extended, payload]);
  const key = randomBytes(4);
  const masked = Buffer.from(payload.map((byte, index) => byte ^ key[index % 4]!));
  return Buffer.concat([Buffer.from(head), extended, key, masked]);
}

/** A close frame's payload: the code, then the reason. */
export function closePayload(code: number, reason = ''): Buffer {
  const payload = Buffer.alloc(2 + Buffer.byteLength(reason));
  payload.writeUInt16BE(code);
  payload.write(reason, 2);
  return payload;
}

/** A TCP connection upgraded to the API's WebSocket by hand, to send frames no WebSocket library would. */
export interface RawApiSocket {
  socket: Socket;
  send(bytes: Buffer): void;
  /** Resolves with the server's close frame (code and reason) once it came, and the server ended the connection. */
  closed(): Promise<{ code: number; reason: string }>;
}

/** Opens `/api` on the server with the token, checks the 101, and hands back the raw socket. */
export function rawApiSocket(port: number, token: string): Promise<RawApiSocket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = Buffer.alloc(0);
    let upgraded = false;
    let closeFrame: { code: number; reason: string } | undefined;
    const ended = new Promise<void>((done) => socket.once('close', () => done()));
    socket.on('error', reject);
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (!upgraded) {
        const end = received.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = received.subarray(0, end).toString('latin1');
        received = received.subarray(end + 4);
        if (!head.startsWith('HTTP/1.1 101')) return reject(new Error(`upgrade refused: ${head.split('\r\n')[0]}`));
        upgraded = true;
        resolve({ socket, send: (bytes) => socket.write(bytes), closed });
      }
      closeFrame ??= readCloseFrame(received);
    });
    const closed = async (): Promise<{ code: number; reason: string }> => {
      await ended;
      if (closeFrame === undefined) throw new Error('the server ended the connection without a close frame');
      return closeFrame;
    };
    socket.write(
      `GET ${API_PATH}?token=${token} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    );
  });
}

/** The first close frame among the server's (unmasked, short) frames in `bytes`, if it has fully arrived. */
function readCloseFrame(bytes: Buffer): { code: number; reason: string } | undefined {
  let at = 0;
  while (at + 2 <= bytes.length) {
    const opcode = bytes[at]! & 0x0f;
    let length = bytes[at + 1]! & 0x7f;
    let start = at + 2;
    if (length === 126) {
      if (start + 2 > bytes.length) return undefined;
      length = bytes.readUInt16BE(start);
      start += 2;
    } else if (length === 127) {
      if (start + 8 > bytes.length) return undefined;
      length = Number(bytes.readBigUInt64BE(start));
      start += 8;
    }
    if (start + length > bytes.length) return undefined;
    if (opcode === 0x8) return { code: bytes.readUInt16BE(start), reason: bytes.subarray(start + 2, start + length).toString('utf8') };
    at = start + length;
  }
  return undefined;
}
