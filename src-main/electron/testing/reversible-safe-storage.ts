import type { SafeStorageLike } from '../provider-keys.ts';

/**
 * A hand-written `safeStorage` (the real one needs Electron and a keychain): "encrypts" by flipping every byte under a
 * marker, so what it stores never contains the value, and decrypts back; a value it did not encrypt (another marker)
 * fails to decrypt, as a value from another keychain does. `backend` is what Linux would report.
 */
export class ReversibleSafeStorage implements SafeStorageLike {
  available: boolean;
  backend: string | undefined;
  readonly #marker: string;

  constructor(options: { available?: boolean; backend?: string; marker?: string } = {}) {
    this.available = options.available ?? true;
    this.backend = options.backend;
    this.#marker = options.marker ?? 'test-keychain:';
  }

  isEncryptionAvailable(): boolean {
    return this.available;
  }

  encryptString(plainText: string): Buffer {
    if (!this.available) throw new Error('Encryption is not available.');
    return Buffer.concat([Buffer.from(this.#marker), Buffer.from(plainText, 'utf8').map((byte) => byte ^ 0xa5)]);
  }

  decryptString(encrypted: Buffer): string {
    const marker = Buffer.from(this.#marker);
    if (!encrypted.subarray(0, marker.length).equals(marker))
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(encrypted.subarray(marker.length).map((byte) => byte ^ 0xa5)).toString('utf8');
  }

  getSelectedStorageBackend(): string {
    return this.backend ?? 'gnome_libsecret';
  }
}
