import type { OpenedFile } from '../../src-shared/api/desktop-contract.ts';
import { sendDesktopEvent, type WindowContentsLike } from './ipc-router.ts';

export interface FileInboxOptions {
  /** Reads a workflow file, or throws an Error naming the file and what is wrong (workflow-files.ts). */
  read(path: string): Promise<string>;
  /** The window a file should open in, among those ready: the focused one when it is ready. */
  choose(ready: readonly WindowContentsLike[]): WindowContentsLike | undefined;
  /** A file was handed to a window (File › Open Recent lists it). */
  onOpened(path: string): void;
  /** A file could not be read: tell the person (a dialog), naming the file. */
  onError(path: string, message: string): void;
}

/** The workflow files that reach the app, on their way to a window that can open them. */
export interface FileInbox {
  /** A file reached the app (File › Open, the command line, a double-click, a second instance). */
  deliver(path: string, as: OpenedFile['as']): Promise<void>;
  /** `desktop.takeOpenFiles`: the window is ready; it gets the files that were waiting, and later ones as events. */
  take(contents: WindowContentsLike): OpenedFile[];
  /** The window is loading a page again (or is gone): it is not ready until that page takes its files. */
  unready(contents: WindowContentsLike): void;
}

/**
 * Files can reach the app before any window can open them (a double-click starts the app; the editor is still
 * loading its node catalogue): they wait here, in order, for the first window that says it is ready; nothing is
 * dropped. A file that cannot be read is reported and never reaches a window.
 */
export function createFileInbox(options: FileInboxOptions): FileInbox {
  const waiting: OpenedFile[] = [];
  const ready = new Map<number, WindowContentsLike>();
  return {
    async deliver(path, as) {
      let text: string;
      try {
        text = await options.read(path);
      } catch (error) {
        options.onError(path, error instanceof Error ? error.message : String(error));
        return;
      }
      const file: OpenedFile = { path, text, as };
      const live = [...ready.values()].filter((contents) => !contents.isDestroyed());
      const target = options.choose(live);
      if (target === undefined) waiting.push(file);
      else sendDesktopEvent(target, 'desktop.openFile', file);
      options.onOpened(path);
    },
    take(contents) {
      ready.set(contents.id, contents);
      return waiting.splice(0);
    },
    unready(contents) {
      ready.delete(contents.id);
    },
  };
}
