import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { z } from 'zod';
import type { FileWatchPayload } from '../../../../src-shared/nodes/types/triggers/file-watch-trigger.ts';
import { fileNameMatcher } from '../../../../src-shared/triggers/file-pattern.ts';
import { workspacePaths } from '../../../services/data-dir.ts';
import type { ListenedTrigger, TriggerDispatcher, TriggerSource, TriggerStatus } from '../trigger-source.ts';
import { sha256File } from './file-hash.ts';
import { openSeenFiles, type SeenFiles } from './seen-files.ts';
import { resolveWatchFolder } from './watch-folder.ts';

const FileWatchConfigSchema = z.object({
  folder: z.string(),
  pattern: z.string(),
  on: z.enum(['added', 'addedOrChanged']),
  debounceMs: z.number().positive(),
});
type FileWatchConfig = z.infer<typeof FileWatchConfigSchema>;

/** Names never passed on: hidden files, and files still being written by a download or an editor. */
export function isPartialOrHidden(name: string): boolean {
  return name.startsWith('.') || name.startsWith('~$') || /\.(part|partial|tmp|crdownload|download)$/i.test(name);
}

export interface FileWatchSourceOptions {
  /** The data folder: files are watched in `<workspace>/files/`, what was passed on kept in `<workspace>/service/seen/`. */
  dataDir: string;
  dispatcher: TriggerDispatcher;
  /** One line per trouble (a folder that cannot be watched, a file that cannot be read, a firing that started no run). */
  log: (line: string) => void;
}

interface Watching {
  workspace: string;
  workflowId: string;
  nodeId: string;
  folder: string;
  problem?: string;
  watcher?: FSWatcher;
  seen?: SeenFiles;
  /** Files are handled one at a time, so two events for one file cannot both pass it on. */
  queue: Promise<void>;
  stopped: boolean;
}

/**
 * The File watch triggers' source (`kind: 'file'`): chokidar watches each trigger's folder inside the workspace's files
 * folder; a file whose name fits the pattern and that stayed unchanged for `debounceMs` is hashed (streaming) and
 * passed on once per content, remembered across restarts, so files that arrived while Operon was down fire on start and
 * files passed before do not fire again.
 */
export function createFileWatchSource(options: FileWatchSourceOptions): TriggerSource {
  const { dataDir, dispatcher, log } = options;
  const watching = new Map<string, Watching>();
  let closed = false;
  let listening: Promise<void> = Promise.resolve();

  const stop = async (entry: Watching): Promise<void> => {
    entry.stopped = true;
    await entry.watcher?.close().catch((error: unknown) => log(`OPR-242 ${describe(entry)}: closing the watcher: ${text(error)}`));
    await entry.queue;
    await entry.seen?.flush();
  };

  const pass = async (entry: Watching, config: FileWatchConfig, filesRoot: string, file: string): Promise<void> => {
    const seen = entry.seen;
    if (entry.stopped || seen === undefined) return;
    const info = await lstat(file);
    if (!info.isFile()) return; // a symlink may lead anywhere: only plain files are passed on
    const hash = await sha256File(file);
    const relative = path.relative(filesRoot, file).split(path.sep).join('/');
    if (entry.stopped || seen.has(relative, hash)) return;
    // A path passed on before with another content is a change (whatever chokidar called the event: a file replaced
    // while Operon was down is an "add" to it); a path whose firings all started no run is still new.
    const kind = seen.hasPath(relative) ? 'changed' : 'added';
    if (kind === 'changed' && config.on === 'added') return;
    seen.add(relative, hash);
    const payload: FileWatchPayload = { path: relative, name: path.basename(file), size: info.size, hash, event: kind };
    const request = {
      workspace: entry.workspace,
      workflowId: entry.workflowId,
      nodeId: entry.nodeId,
      kind: 'file' as const,
      payload: { ...payload },
    };
    const why = await dispatcher.fire(request).then(
      ({ firing }) =>
        firing.outcome === 'refused' || firing.outcome === 'failed'
          ? `${firing.outcome}${firing.reason === undefined ? '' : `: ${firing.reason}`}`
          : undefined,
      (error: unknown) => text(error),
    );
    if (why !== undefined) {
      // No run will see it: forget it, so a restart or the next change passes it again.
      seen.remove(relative, hash);
      log(`${describe(entry)}: ${relative} started no run (${why})`);
    }
  };

  const start = async (trigger: ListenedTrigger, entry: Watching): Promise<void> => {
    const parsed = FileWatchConfigSchema.safeParse(trigger.config);
    if (!parsed.success) throw new Error('its settings are not a file watch');
    const config = parsed.data;
    const matches = fileNameMatcher(config.pattern);
    const folder = await resolveWatchFolder(workspacePaths(dataDir, entry.workspace).files, config.folder);
    if ('problem' in folder) {
      entry.problem = folder.problem;
      log(`${folder.problem} (${describe(entry)})`);
      return;
    }
    entry.seen = await openSeenFiles({ dataDir, workspace: entry.workspace, workflowId: entry.workflowId, nodeId: entry.nodeId, log });
    const watcher = watch(folder.real, {
      depth: 0,
      followSymlinks: false,
      ignored: (file) => file !== folder.real && isPartialOrHidden(path.basename(file)),
      awaitWriteFinish: {
        stabilityThreshold: config.debounceMs,
        pollInterval: Math.min(100, Math.max(10, Math.floor(config.debounceMs / 4))),
      },
    });
    entry.watcher = watcher;
    const enqueue = (file: string): void => {
      if (file === folder.real || !matches(path.basename(file))) return;
      entry.queue = entry.queue
        .then(() => pass(entry, config, folder.filesRoot, file))
        .catch((error: unknown) => {
          // A file removed before it could be read is no trouble; anything else is said once and the watch goes on.
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') log(`OPR-243 ${describe(entry)}: ${path.basename(file)}: ${text(error)}`);
        });
    };
    watcher.on('add', enqueue);
    watcher.on('change', enqueue);
    watcher.on('error', (error) => {
      entry.problem = `OPR-242 the folder cannot be watched: ${text(error)}`;
      log(`${entry.problem} (${describe(entry)})`);
    });
    await new Promise<void>((resolve) => watcher.once('ready', resolve));
  };

  const listenNow = async (workspace: string, workflowId: string, triggers: ListenedTrigger[]): Promise<void> => {
    const prefix = `${workspace}/${workflowId}/`;
    const old = [...watching].filter(([key]) => key.startsWith(prefix));
    for (const [key] of old) watching.delete(key);
    await Promise.all(old.map(([, entry]) => stop(entry)));
    for (const trigger of triggers) {
      if (closed) return;
      const folder = typeof trigger.config.folder === 'string' ? trigger.config.folder : '';
      const entry: Watching = { workspace, workflowId, nodeId: trigger.node.id, folder, queue: Promise.resolve(), stopped: false };
      watching.set(prefix + trigger.node.id, entry);
      try {
        await start(trigger, entry);
      } catch (error) {
        entry.problem = `OPR-242 the folder cannot be watched: ${text(error)}`;
        log(`${entry.problem} (${describe(entry)})`);
        await stop(entry);
      }
    }
  };

  return {
    kind: 'file',
    listen(workspace, workflowId, triggers) {
      listening = listening.then(() => listenNow(workspace, workflowId, triggers));
      return listening;
    },
    status(workspace, workflowId, nodeId): TriggerStatus {
      const entry = watching.get(`${workspace}/${workflowId}/${nodeId}`);
      if (entry === undefined) return {};
      return { folder: entry.folder, ...(entry.problem === undefined ? {} : { problem: entry.problem }) };
    },
    async close() {
      closed = true;
      await listening; // a listen under way finishes starting, then everything stops
      const all = [...watching.values()];
      watching.clear();
      await Promise.all(all.map(stop));
    },
  };
}

function describe(entry: Pick<Watching, 'workspace' | 'workflowId' | 'nodeId'>): string {
  return `file watch trigger ${entry.workspace}/${entry.workflowId}/${entry.nodeId}`;
}

function text(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
