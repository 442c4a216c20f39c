import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';

/** The largest workflow file the app opens: far above any drawn workflow, well below what would stall the window. */
export const MAX_WORKFLOW_FILE_BYTES = 16 * 1024 * 1024;

/** Whether a path names a workflow file the app opens (the file association's extension). */
export function isWorkflowFile(path: string): boolean {
  return path.toLowerCase().endsWith('.operon.json');
}

/**
 * The workflow files named on a command line (the app's own, or one a second instance forwarded): arguments ending in
 * `.operon.json`, resolved against the directory the command ran in. Switches (`--…`) and the app's own path are
 * never files.
 */
export function workflowFilesIn(argv: readonly string[], cwd: string): string[] {
  return argv.filter((arg) => !arg.startsWith('-') && isWorkflowFile(arg)).map((arg) => (isAbsolute(arg) ? arg : resolve(cwd, arg)));
}

/** Reads a workflow file for a window to open, or throws an Error whose message names the file and what is wrong. */
export async function readWorkflowFile(path: string): Promise<string> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new Error(`${path} is not a file`);
    size = info.size;
  } catch (error) {
    throw new Error(describe(path, error), { cause: error });
  }
  if (size > MAX_WORKFLOW_FILE_BYTES)
    throw new Error(
      `${path} is ${(size / 1024 / 1024).toFixed(1)} MiB: a workflow file may be at most ${MAX_WORKFLOW_FILE_BYTES / 1024 / 1024} MiB`,
    );
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(describe(path, error), { cause: error });
  }
}

function describe(path: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return `${path} does not exist (it may have been moved or deleted)`;
  if (code === 'EACCES' || code === 'EPERM') return `${path} cannot be read: permission denied`;
  if (code === 'EISDIR') return `${path} is a folder, not a workflow file`;
  return error instanceof Error ? error.message : `${path} cannot be read: ${String(error)}`;
}
