import { chmod, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { OperonError } from '../../src-shared/errors/operon-error.ts';

/** Workspace ids: 1-64 letters, digits, `-` and `_`. They are folder names, so nothing else is allowed. */
export const WORKSPACE_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** The folders of one workspace, all under `<dataDir>/workspaces/<id>/`. */
export interface WorkspacePaths {
  root: string;
  workflows: string;
  runs: string;
  files: string;
  cache: string;
  /** Pinned node outputs for design runs, one file per workflow (never part of a workflow file or its export). */
  pins: string;
}

/**
 * Where Operon keeps its data: the `--data-dir` flag, else `OPERON_HOME`, else `<home>/.operon`.
 * Empty values count as unset; a leading `~` is expanded to `home`; the result is absolute.
 */
export function resolveDataDir(options: { flag?: string | undefined; env: NodeJS.ProcessEnv; home: string }): string {
  const chosen = nonEmpty(options.flag) ?? nonEmpty(options.env.OPERON_HOME) ?? path.join(options.home, '.operon');
  return path.resolve(expandHome(chosen, options.home));
}

/** Throws OPR-155 unless `workspaceId` matches {@link WORKSPACE_ID_PATTERN}. */
export function assertWorkspaceId(workspaceId: string): void {
  if (!WORKSPACE_ID_PATTERN.test(workspaceId)) {
    throw new OperonError('OPR-155', `Invalid workspace id ${JSON.stringify(workspaceId)}: use 1-64 letters, digits, "-" and "_"`, {
      details: { workspaceId },
    });
  }
}

/** The folders of a workspace. Throws OPR-155 for an id that could escape `<dataDir>/workspaces/`. */
export function workspacePaths(dataDir: string, workspaceId: string): WorkspacePaths {
  assertWorkspaceId(workspaceId);
  const root = path.join(path.resolve(dataDir), 'workspaces', workspaceId);
  return {
    root,
    workflows: path.join(root, 'workflows'),
    runs: path.join(root, 'runs'),
    files: path.join(root, 'files'),
    cache: path.join(root, 'cache'),
    pins: path.join(root, 'pins'),
  };
}

/** Creates the workspace folders (the root readable by the owner only: mode 0o700). Safe to call again. */
export async function ensureWorkspace(paths: WorkspacePaths): Promise<void> {
  await mkdir(paths.root, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32') await chmod(paths.root, 0o700);
  for (const folder of [paths.workflows, paths.runs, paths.files, paths.cache, paths.pins]) {
    await mkdir(folder, { recursive: true, mode: 0o700 });
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

function expandHome(dir: string, home: string): string {
  if (dir === '~') return home;
  if (dir.startsWith('~/') || dir.startsWith('~\\')) return path.join(home, dir.slice(2));
  return dir;
}
