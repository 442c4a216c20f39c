import { copyFile, mkdir, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ExampleSummary } from '../../src-shared/api/schemas.ts';
import { API_ERROR_CODES, ApiError } from '../../src-shared/api/errors.ts';
import { OperonError } from '../../src-shared/errors/operon-error.ts';
import type { NodeRegistry } from '../../src-shared/nodes/registry.ts';
import type { Workflow } from '../../src-shared/workflow/schema.ts';
import { packagePath } from './package-root.ts';
import { parseWorkflowDocument, WORKFLOW_FILE_SUFFIX } from './workflow-store.ts';

/** The example workflows shipped with Operon (`resources/examples/`, also in the packaged app). */
export const SHIPPED_EXAMPLES = packagePath('resources/examples');

const SUB_WORKFLOW = 'core.sub-workflow';

/**
 * The examples gallery: the `*.operon.json` files at the top of a folder (the workflows they call, such as
 * `lib/billing-reply.operon.json`, are not listed), and what a copy of one needs next to it.
 */
export interface ExampleShelf {
  list(): Promise<ExampleSummary[]>;
  /** The example's workflow and the files it calls by relative path (sub-workflows), read from the shelf. */
  read(id: string): Promise<{ workflow: Workflow; calls: string[] }>;
  /**
   * Copies the files an example calls into `folder` at the same relative paths, so the copy runs there as it does on
   * the shelf. A file already there is left alone (it may be a person's edit of an earlier copy).
   */
  copyCalls(calls: readonly string[], folder: string): Promise<void>;
}

export function createExampleShelf(folder: string, registry: NodeRegistry): ExampleShelf {
  const root = path.resolve(folder);
  const inside = (relative: string): string => {
    const file = path.resolve(root, relative);
    if (!file.startsWith(root + path.sep)) throw new OperonError('OPR-109', `example file "${relative}" leaves the examples folder`);
    return file;
  };
  const load = async (file: string): Promise<Workflow> => parseWorkflowDocument(await readFile(file, 'utf8'), path.basename(file));

  /** The relative paths of the sub-workflows a workflow calls, and theirs, from the examples folder. */
  const callsOf = async (workflow: Workflow, from: string, seen: Set<string>): Promise<void> => {
    for (const node of workflow.nodes) {
      const ref = node.type === SUB_WORKFLOW ? node.config.workflow : undefined;
      if (typeof ref !== 'string' || ref.trim() === '' || path.isAbsolute(ref)) continue;
      const relative = path.relative(root, path.resolve(path.dirname(from), ref));
      if (seen.has(relative)) continue;
      const file = inside(relative);
      seen.add(relative);
      await callsOf(await load(file), file, seen);
    }
  };

  return {
    async list() {
      const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
      const files = entries.filter((entry) => entry.isFile() && entry.name.endsWith(WORKFLOW_FILE_SUFFIX));
      const examples: ExampleSummary[] = [];
      for (const entry of files) {
        const workflow = await load(path.join(root, entry.name)).catch(() => undefined);
        if (workflow === undefined) continue; // A damaged example is not offered, rather than breaking the gallery.
        examples.push({
          id: entry.name.slice(0, -WORKFLOW_FILE_SUFFIX.length),
          name: workflow.name,
          description: workflow.description,
          nodes: workflow.nodes.length,
          needsModel: workflow.nodes.some((node) => registry.get(node.type)?.category === 'AI'),
        });
      }
      return examples.sort((a, b) => a.name.localeCompare(b.name));
    },
    async read(id) {
      const file = inside(`${id}${WORKFLOW_FILE_SUFFIX}`);
      if (
        path.dirname(file) !== root ||
        !(await stat(file).then(
          (s) => s.isFile(),
          () => false,
        ))
      )
        throw new ApiError(API_ERROR_CODES.workflowNotFound, `there is no example "${id}"`);
      const workflow = await load(file);
      const calls = new Set<string>();
      await callsOf(workflow, file, calls);
      return { workflow, calls: [...calls] };
    },
    async copyCalls(calls, target) {
      const base = path.resolve(target);
      for (const relative of calls) {
        const to = path.resolve(base, relative);
        if (!to.startsWith(base + path.sep)) throw new OperonError('OPR-109', `example file "${relative}" leaves ${base}`);
        if (
          await stat(to).then(
            () => true,
            () => false,
          )
        )
          continue;
        await mkdir(path.dirname(to), { recursive: true });
        await copyFile(inside(relative), to);
      }
    },
  };
}
