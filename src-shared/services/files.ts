export type WriteMode = 'overwrite' | 'append' | 'create';

/**
 * Files confined to the workspace's files folder (or what the workspace allows). Paths are relative to it.
 * On Node, in `src-main/services/`.
 */
export interface FileService {
  readText(path: string, signal?: AbortSignal): Promise<string>;
  /** Returns the path written, relative to the files folder, and the bytes written. */
  writeText(path: string, text: string, mode: WriteMode): Promise<{ path: string; bytes: number }>;
}
