import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';

/** AES-256-GCM: a 32-byte key, a fresh 12-byte IV for every value, a 16-byte tag. */
export const KEY_BYTES = 32;
const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;

/** One encrypted value as stored: base64 fields, and the id of the key that sealed it. */
export const SealedSchema = z.object({
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  iv: z.base64(),
  tag: z.base64(),
  data: z.base64(),
});
export type Sealed = z.infer<typeof SealedSchema>;

/** A key's id: the first 16 hex digits of its SHA-256 (names the key in files without saying anything about it). */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

/** A new random key. */
export function newKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

/**
 * Encrypts `plaintext`; `context` is authenticated with it (the workspace and the secret's name), so a sealed value
 * moved to another name or workspace no longer opens.
 */
export function seal(key: Buffer, plaintext: string, context: string): Sealed {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { keyId: keyIdOf(key), iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

/** Decrypts a sealed value; throws when the key, the context or any byte of it is not what sealed it. */
export function unseal(key: Buffer, sealed: Sealed, context: string): string {
  const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(sealed.iv, 'base64'));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
}
