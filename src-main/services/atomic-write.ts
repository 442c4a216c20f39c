import { randomBytes } from 'node:crypto';
import { open, rename, rm, writeFile } from 'node:fs/promises';

/**
 * Writes `text` to `file` through a temporary file in the same folder and a rename, so a reader (or a crash)
 * sees either the old content or the new, never half of it. `mode` (e.g. 0o600) is the new file's permissions;
 * `fsync` waits until the disk has the text before the rename (for a file that must survive a power loss).
 */
export async function writeFileAtomic(file: string, text: string, options: { mode?: number; fsync?: boolean } = {}): Promise<void> {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    if (options.fsync === true) {
      const handle = await open(temp, 'w', options.mode);
      try {
        await handle.writeFile(text);
        await handle.datasync();
      } finally {
        await handle.close();
      }
    } else {
      await writeFile(temp, text, options.mode === undefined ? {} : { mode: options.mode });
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}
