import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import type { WorkflowLoader } from '../../src-shared/engine/services.ts';
import { InvalidWorkflowError, OperonError, type Problem } from '../../src-shared/errors/operon-error.ts';
import type { NodeRegistry } from '../../src-shared/nodes/registry.ts';
import { parseWorkflowText } from '../../src-shared/workflow/parse.ts';
import type { ValidationResult } from '../../src-shared/workflow/validate.ts';

/** Reads and validates a workflow file; a missing or unreadable file is a problem (OPR-005), not a throw. */
export async function loadWorkflowFile(file: string, registry: NodeRegistry): Promise<ValidationResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    return { ok: false, problems: [{ code: 'OPR-005', message: `${file}: ${reason}` } satisfies Problem] };
  }
  return parseWorkflowText(text, registry);
}

/**
 * Loads sub-workflows by path, relative to the calling workflow's file, and only from inside `root`
 * (the folder of the top-level workflow: the workspace's workflows folder): a reference cannot reach other files on the
 * machine, nor another workspace's workflows. `\\` counts as a separator as `/` does; absolute paths (OPR-111), `..`
 * that leaves the folder, NUL, and symlinks resolving outside it (OPR-109) are refused. Messages name the reference as
 * given, never where the folder is on the server.
 */
export function createWorkflowLoader(root: string, registry: NodeRegistry): WorkflowLoader {
  const base = path.resolve(root);
  return {
    async load(ref, from) {
      if (ref.includes('\0')) throw outside(ref, 'it contains a NUL character');
      if (ref.trim() === '' || path.posix.isAbsolute(ref) || path.win32.isAbsolute(ref) || /^[A-Za-z]:/.test(ref))
        throw new OperonError('OPR-111', `workflow reference ${JSON.stringify(ref)} must be a relative path`, { details: { ref } });
      const file = path.resolve(from === undefined ? base : path.dirname(from), ...ref.split(/[\\/]+/));
      if (!isInside(base, file)) throw outside(ref, 'it leaves the workflows folder');
      let real: string;
      try {
        real = await realpath(file);
      } catch (error) {
        const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
        throw new OperonError(
          'OPR-111',
          `workflow ${JSON.stringify(ref)} ${missing ? 'is not in the workflows folder' : 'cannot be read'}`,
          {
            details: { ref },
          },
        );
      }
      if (!isInside(await realpath(base).catch(() => base), real))
        throw outside(ref, 'it leads outside the workflows folder through a symlink');
      const result = await loadWorkflowFile(file, registry);
      if (!result.ok)
        throw new OperonError(
          'OPR-111',
          `workflow ${JSON.stringify(ref)} is invalid: ${new InvalidWorkflowError(result.problems).message.replaceAll(file, ref)}`,
          { details: { ref } },
        );
      return { workflow: result.workflow, ref: file };
    },
  };
}

function isInside(folder: string, candidate: string): boolean {
  const relative = path.relative(folder, candidate);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

/** OPR-109: a sub-workflow reference that would load a file outside the workflows folder. */
function outside(ref: string, why: string): OperonError {
  return new OperonError('OPR-109', `workflow reference ${JSON.stringify(ref)} is not allowed: ${why}`, { details: { ref } });
}
