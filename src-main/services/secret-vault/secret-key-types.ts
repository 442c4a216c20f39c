/** The keys that open stored secrets, and the one new values are sealed with. */
export interface SecretKeys {
  current: Buffer;
  /** Every key that may open a stored value, by id. */
  byId: ReadonlyMap<string, Buffer>;
  /** `wrapped`: from the wrapped key file (wrapped-key-file.ts); `given`: handed over in memory by another process. */
  source: 'environment' | 'file' | 'wrapped' | 'given';
  /** The key file (source `file` or `wrapped`). */
  file?: string;
}

/**
 * Encrypts and decrypts the secrets key itself, with a key the OS keeps (the desktop app: Electron's `safeStorage`,
 * backed by the Keychain, DPAPI or the Secret Service). Throws when it cannot (the keychain changed or is locked).
 */
export interface KeyWrapper {
  wrap(key: Buffer): Buffer;
  unwrap(wrapped: Buffer): Buffer;
}
