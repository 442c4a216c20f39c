import path from 'node:path';
import { z } from 'zod';
import { workspacePaths } from '../../../services/data-dir.ts';
import { createStateFile, type StateFile } from './state-file.ts';

/** How many files one File watch trigger remembers; past it the oldest are forgotten. */
export const SEEN_FILES_LIMIT = 10_000;

const SeenFilesSchema = z.object({
  version: z.literal(1),
  /** Oldest first: [path relative to the files folder, sha256 hex]. */
  files: z.array(z.tuple([z.string(), z.string()])),
});
type SeenFilesState = z.infer<typeof SeenFilesSchema>;

/**
 * What one File watch trigger has passed on (`<workspace>/service/seen/<workflowId>.<nodeId>.json`): each file's path and
 * content hash, so a file is passed once per content, across restarts. Bounded to {@link SEEN_FILES_LIMIT} entries.
 */
export interface SeenFiles {
  has(file: string, hash: string): boolean;
  /** Whether some content of this path was passed on before (then a new content is a change). */
  hasPath(file: string): boolean;
  add(file: string, hash: string): void;
  /** Forgets one content (its firing started no run, so a later event may pass it again). */
  remove(file: string, hash: string): void;
  flush(): Promise<void>;
}

export async function openSeenFiles(options: {
  dataDir: string;
  workspace: string;
  workflowId: string;
  nodeId: string;
  log: (line: string) => void;
  limit?: number;
}): Promise<SeenFiles> {
  const limit = options.limit ?? SEEN_FILES_LIMIT;
  const file: StateFile<SeenFilesState> = createStateFile({
    file: path.join(
      workspacePaths(options.dataDir, options.workspace).root,
      'service',
      'seen',
      `${options.workflowId}.${options.nodeId}.json`,
    ),
    schema: SeenFilesSchema,
    empty: () => ({ version: 1, files: [] }),
    log: options.log,
  });
  // A Map keeps insertion order: the first key is the oldest.
  const seen = new Map<string, [string, string]>();
  const paths = new Map<string, number>();
  const key = (file: string, hash: string): string => `${hash} ${file}`;
  const count = (file: string, delta: number): void => {
    const next = (paths.get(file) ?? 0) + delta;
    if (next <= 0) paths.delete(file);
    else paths.set(file, next);
  };
  const put = (file: string, hash: string): void => {
    const k = key(file, hash);
    if (seen.delete(k)) count(file, -1);
    seen.set(k, [file, hash]);
    count(file, 1);
    for (const [oldest, [oldFile]] of seen) {
      if (seen.size <= limit) break;
      seen.delete(oldest);
      count(oldFile, -1);
    }
  };
  for (const [seenFile, hash] of (await file.read()).files) put(seenFile, hash);
  const save = (): void => file.save({ version: 1, files: [...seen.values()] });

  return {
    has: (seenFile, hash) => seen.has(key(seenFile, hash)),
    hasPath: (seenFile) => paths.has(seenFile),
    add(seenFile, hash) {
      put(seenFile, hash);
      save();
    },
    remove(seenFile, hash) {
      if (!seen.delete(key(seenFile, hash))) return;
      count(seenFile, -1);
      save();
    },
    flush: () => file.flush(),
  };
}
