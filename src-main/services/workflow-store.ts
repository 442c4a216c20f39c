import { readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { API_ERROR_CODES, ApiError } from '../../src-shared/api/errors.ts';
import type { WorkflowSummary } from '../../src-shared/api/schemas.ts';
import { OperonError } from '../../src-shared/errors/operon-error.ts';
import { migrateWorkflowDocument } from '../../src-shared/workflow/migrations.ts';
import { describeJsonError } from '../../src-shared/workflow/parse.ts';
import { IdSchema, WorkflowSchema, type Workflow } from '../../src-shared/workflow/schema.ts';
import { serializeWorkflow } from '../../src-shared/workflow/serialize.ts';
import { badRequest } from '../../src-shared/api/errors.ts';
import { writeFileAtomic } from './atomic-write.ts';

export const WORKFLOW_FILE_SUFFIX = '.operon.json';

/**
 * The workflow files of one workspace: `<folder>/<workflowId>.operon.json`, written with serializeWorkflow through
 * a temporary file and a rename. Ids are checked (the file format's id rules) and the resolved path must stay in the
 * folder, so no id reaches another file.
 */
export interface WorkflowStore {
  file(id: string): string;
  exists(id: string): Promise<boolean>;
  /** The stored workflow, in the file format (migrated if the file is older). Not found: OPR-005; unreadable: OPR-001/002. */
  read(id: string): Promise<Workflow>;
  write(workflow: Workflow): Promise<WorkflowSummary>;
  remove(id: string): Promise<void>;
  list(): Promise<WorkflowSummary[]>;
}

export function createWorkflowStore(folder: string): WorkflowStore {
  const root = path.resolve(folder);
  const file = (id: string): string => {
    if (!IdSchema.safeParse(id).success) throw new ApiError(API_ERROR_CODES.badRequest, `invalid workflow id ${JSON.stringify(id)}`);
    const resolved = path.resolve(root, `${id}${WORKFLOW_FILE_SUFFIX}`);
    if (path.dirname(resolved) !== root)
      throw new ApiError(API_ERROR_CODES.badRequest, `workflow id ${JSON.stringify(id)} leaves the folder`);
    return resolved;
  };
  const summaryOf = async (workflow: Workflow): Promise<WorkflowSummary> => ({
    id: workflow.id,
    name: workflow.name,
    description: workflow.description,
    updatedAt: (await stat(file(workflow.id))).mtimeMs,
    nodes: workflow.nodes.length,
  });

  const store: WorkflowStore = {
    file,
    async exists(id) {
      return stat(file(id)).then(
        (info) => info.isFile(),
        () => false,
      );
    },
    async read(id) {
      let text: string;
      try {
        text = await readFile(file(id), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT')
          throw new ApiError(API_ERROR_CODES.workflowNotFound, `no workflow "${id}" in this workspace`);
        throw new OperonError('OPR-005', `workflow "${id}": ${(error as Error).message}`, { cause: error });
      }
      const workflow = parseWorkflowDocument(text, `the file of workflow "${id}"`);
      if (workflow.id !== id)
        throw new ApiError(
          'OPR-002',
          `the file of workflow "${id}" holds a workflow with id "${workflow.id}"; rename the file or fix the id`,
        );
      return workflow;
    },
    async write(workflow) {
      await writeFileAtomic(file(workflow.id), serializeWorkflow(workflow));
      return summaryOf(workflow);
    },
    async remove(id) {
      if (!(await store.exists(id))) throw new ApiError(API_ERROR_CODES.workflowNotFound, `no workflow "${id}" in this workspace`);
      await rm(file(id));
    },
    async list() {
      let names: string[];
      try {
        names = await readdir(root);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
      const ids = names
        .filter((name) => name.endsWith(WORKFLOW_FILE_SUFFIX))
        .map((name) => name.slice(0, -WORKFLOW_FILE_SUFFIX.length))
        .filter((id) => IdSchema.safeParse(id).success);
      const summaries = await Promise.all(
        ids.map(async (id): Promise<WorkflowSummary> => {
          try {
            return await summaryOf(await store.read(id));
          } catch (error) {
            const updatedAt = await stat(file(id)).then(
              (info) => info.mtimeMs,
              () => 0,
            );
            return { id, name: id, description: '', updatedAt, nodes: 0, problem: (error as Error).message };
          }
        }),
      );
      return summaries.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    },
  };
  return store;
}

/**
 * Reads workflow file text into the file format (migrating older versions): invalid JSON is OPR-001 with line and
 * column, a document that is not the file format an error listing each field. Graph problems are not checked here.
 */
export function parseWorkflowDocument(text: string, what: string): Workflow {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new ApiError('OPR-001', `${what}: ${describeJsonError(text, error)}`);
  }
  const migrated = migrateWorkflowDocument(document);
  if (!migrated.ok) throw new ApiError(migrated.problem.code, `${what}: ${migrated.problem.message}`, { problems: [migrated.problem] });
  const parsed = WorkflowSchema.safeParse(migrated.document);
  if (!parsed.success) throw badRequest('workflow', parsed.error);
  return parsed.data;
}
