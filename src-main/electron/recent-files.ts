import { z } from 'zod';
import { desktopStateFile } from './desktop-state-file.ts';

/** How many recent files File › Open Recent lists. */
export const MAX_RECENT_FILES = 10;

const RecentFilesSchema = z.object({ files: z.array(z.string().min(1)).max(100) });

export interface RecentFiles {
  /** Newest first. */
  list(): readonly string[];
  /** Puts `path` first (once), keeping at most {@link MAX_RECENT_FILES}; resolves when written. */
  add(path: string): Promise<void>;
  /** Forgets `path` (a recent file that could no longer be opened). */
  remove(path: string): Promise<void>;
  clear(): Promise<void>;
}

/** The recently opened workflow files, kept in `file` (desktop-state-file.ts) across launches. */
export async function openRecentFiles(file: string, log: (message: string) => void): Promise<RecentFiles> {
  const store = desktopStateFile(file, RecentFilesSchema, log);
  let files: string[] = ((await store.read())?.files ?? []).slice(0, MAX_RECENT_FILES);
  // Writes go one after another, so the file always ends as the last change left the list.
  let writing = Promise.resolve();
  const save = (next: string[]): Promise<void> => {
    files = next;
    const snapshot = { files: [...next] };
    writing = writing.then(() => store.write(snapshot)).catch((error: unknown) => log(`could not save the recent files: ${String(error)}`));
    return writing;
  };
  return {
    list: () => files,
    add: (path) => save([path, ...files.filter((each) => each !== path)].slice(0, MAX_RECENT_FILES)),
    remove: (path) => save(files.filter((each) => each !== path)),
    clear: () => save([]),
  };
}
