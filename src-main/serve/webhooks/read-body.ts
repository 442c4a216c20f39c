import type { IncomingMessage } from 'node:http';

export type BodyRead = { ok: true; raw: Buffer } | { ok: false; reason: 'too-large' | 'aborted' };

/**
 * Reads a request's body up to `maxBytes`: a declared Content-Length over it is refused before a byte is read, and a
 * body that grows past it (chunked, or lying about its length) is refused as soon as it does, the bytes read so far
 * dropped. So a hook never holds more than `maxBytes` of one request.
 */
export function readBody(request: IncomingMessage, maxBytes: number): Promise<BodyRead> {
  const declared = Number(request.headers['content-length'] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.resolve({ ok: false, reason: 'too-large' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: BodyRead): void => {
      request.off('data', onData).off('end', onEnd).off('error', onError).off('aborted', onAborted);
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > maxBytes) {
        chunks.length = 0;
        request.pause();
        finish({ ok: false, reason: 'too-large' });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => finish({ ok: true, raw: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size) });
    const onError = (): void => finish({ ok: false, reason: 'aborted' });
    const onAborted = (): void => finish({ ok: false, reason: 'aborted' });
    request.on('data', onData).on('end', onEnd).on('error', onError).on('aborted', onAborted);
  });
}
