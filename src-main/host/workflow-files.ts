import { readFile } from 'node:fs/promises';
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
 * (the folder of the top-level workflow): a reference cannot reach other files on the machine.
 */
export function createWorkflowLoader(root: string, registry: NodeRegistry): WorkflowLoader {
  const base = path.resolve(root);
  return {
    async load(ref, from) {
      if (ref.trim() === '' || path.isAbsolute(ref))
        throw new OperonError('OPR-111', `workflow reference ${JSON.stringify(ref)} must be a relative path`);
      const file = path.resolve(from === undefined ? base : path.dirname(from), ref);
      if (file !== base && !file.startsWith(base + path.sep))
        throw new OperonError('OPR-109', `workflow reference "${ref}" leaves the folder ${base}`);
      const result = await loadWorkflowFile(file, registry);
      if (!result.ok)
        throw new OperonError('OPR-111', `workflow "${ref}" is invalid: ${new InvalidWorkflowError(result.problems).message}`);
      return { workflow: result.workflow, ref: file };
    },
  };
}
