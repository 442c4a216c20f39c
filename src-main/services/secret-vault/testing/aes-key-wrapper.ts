import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { KeyWrapper } from '../secret-key-types.ts';

/**
 * A real key wrapper for tests, standing in for the OS keychain: AES-256-GCM under its own random key (another
 * wrapper, like another machine's keychain, cannot open what this one wrapped). `calls` counts wraps and unwraps.
 */
export function aesKeyWrapper(): KeyWrapper & { calls: { wrap: number; unwrap: number } } {
  const own = randomBytes(32);
  const calls = { wrap: 0, unwrap: 0 };
  return {
    calls,
    wrap(key) {
      calls.wrap += 1;
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', own, iv);
      const data = Buffer.concat([cipher.update(key), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), data]);
    },
    unwrap(wrapped) {
      calls.unwrap += 1;
      const decipher = createDecipheriv('aes-256-gcm', own, wrapped.subarray(0, 12));
      decipher.setAuthTag(wrapped.subarray(12, 28));
      return Buffer.concat([decipher.update(wrapped.subarray(28)), decipher.final()]);
    },
  };
}
