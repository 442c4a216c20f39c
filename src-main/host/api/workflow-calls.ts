import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { ApiError } from '../../../src-shared/api/errors.ts';
import { nodeCatalogue } from '../../../src-shared/api/node-catalogue.ts';
import type { Problem } from '../../../src-shared/errors/operon-error.ts';
import type { Workflow } from '../../../src-shared/workflow/schema.ts';
import { serializeWorkflow } from '../../../src-shared/workflow/serialize.ts';
import { workflowFileName } from '../../../src-shared/workflow/file-name.ts';
import { validateWorkflow } from '../../../src-shared/workflow/validate.ts';
import { WORKSPACE_ID_PATTERN } from '../../services/data-dir.ts';
import type { ApiContext, CallImpls } from './call-types.ts';
import type { Caller } from './caller.ts';
import type { AuditLog } from '../../services/audit/audit-log.ts';
import { describeChange, diffWorkflows, isNoChange } from '../../../src-shared/workflow/workflow-diff.ts';
import { parseWorkflowDocument, type WorkflowStore } from '../../services/workflow-store.ts';

type WorkflowCalls =
  | 'workspaces.list'
  | 'workflows.list'
  | 'workflows.open'
  | 'workflows.save'
  | 'workflows.rename'
  | 'workflows.delete'
  | 'workflows.import'
  | 'workflows.export'
  | 'workflows.validate'
  | 'examples.list'
  | 'examples.copy'
  | 'nodeTypes.catalogue';

/** The workspace, workflow file and node type calls. */
export function workflowCalls(context: ApiContext): CallImpls<WorkflowCalls> {
  const { registry } = context;
  const problemsOf = (workflow: unknown): Problem[] => {
    const result = validateWorkflow(workflow, registry);
    return result.ok ? [] : result.problems;
  };
  const save = async (workspace: string, store: WorkflowStore, workflow: Workflow, caller: Caller) => {
    const before = await previous(store, workflow.id);
    const summary = await store.write(workflow);
    await context.workflowChanged(workspace, workflow.id, 'saved');
    await auditSave(context.audit(workspace), caller.actor, before, workflow);
    return { workflow, problems: problemsOf(workflow), summary };
  };

  return {
    async 'workspaces.list'() {
      const names = await readdir(path.join(context.dataDir, 'workspaces'), { withFileTypes: true }).catch(() => []);
      const ids = new Set(['default']);
      for (const entry of names) if (entry.isDirectory() && WORKSPACE_ID_PATTERN.test(entry.name)) ids.add(entry.name);
      return { workspaces: [...ids].sort().map((id) => ({ id })) };
    },
    async 'workflows.list'({ workspace }) {
      return { workflows: await (await context.workflows(workspace)).list() };
    },
    async 'workflows.open'({ workspace, id }) {
      const workflow = await (await context.workflows(workspace)).read(id);
      return { workflow, problems: problemsOf(workflow) };
    },
    async 'workflows.save'({ workspace, workflow }, caller) {
      return save(workspace, await context.workflows(workspace), workflow, caller);
    },
    async 'workflows.rename'({ workspace, id, name }, caller) {
      const store = await context.workflows(workspace);
      const workflow = await store.read(id);
      const summary = await store.write({ ...workflow, name });
      await context.workflowChanged(workspace, id, 'saved');
      await auditSave(context.audit(workspace), caller.actor, workflow, { ...workflow, name });
      return summary;
    },
    async 'workflows.delete'({ workspace, id }, caller) {
      const store = await context.workflows(workspace);
      const before = await previous(store, id);
      await store.remove(id);
      await (await context.pins(workspace)).removeAll(id);
      await context.workflowChanged(workspace, id, 'deleted');
      await context.audit(workspace).record({
        actor: caller.actor,
        action: 'workflow.deleted',
        target: `workflow:${id}`,
        ...(before === undefined ? {} : { details: { name: before.name } }),
      });
      return { deleted: true as const };
    },
    async 'workflows.import'({ workspace, text }, caller) {
      const store = await context.workflows(workspace);
      const workflow = parseWorkflowDocument(text, 'the imported file');
      const id = await freeId(store, workflow.id);
      const saved = await save(workspace, store, { ...workflow, id }, caller);
      return id === workflow.id ? saved : { ...saved, renamedFrom: workflow.id };
    },
    async 'workflows.export'({ workspace, id }) {
      const workflow = await (await context.workflows(workspace)).read(id);
      const text = serializeWorkflow(workflow);
      const host = await context.host(workspace);
      if (host.findSecret(text) !== undefined) {
        // Name the node (or the workflow's own fields) holding it: a person fixes it there, with $secret('NAME').
        const holder = workflow.nodes.find((node) => host.findSecret(JSON.stringify(node)) !== undefined);
        const secret = host.findSecret(holder === undefined ? text : JSON.stringify(holder));
        throw new ApiError(
          'OPR-191',
          `cannot export workflow "${id}": ${holder === undefined ? 'it' : `node "${holder.id}"`} holds the value of secret ${secret ?? ''}; ` +
            `use $secret('${secret ?? 'NAME'}') in the field that sends it`,
        );
      }
      return { fileName: workflowFileName(workflow), text };
    },
    async 'examples.list'() {
      return { examples: await context.examples.list() };
    },
    async 'examples.copy'({ workspace, id }, caller) {
      const { workflow, calls } = await context.examples.read(id);
      const store = await context.workflows(workspace);
      await context.examples.copyCalls(calls, path.dirname(store.file(workflow.id)));
      return save(workspace, store, { ...workflow, id: await freeId(store, workflow.id) }, caller);
    },
    async 'workflows.validate'({ workflow }) {
      const problems = problemsOf(workflow);
      return Promise.resolve({ ok: problems.length === 0, problems });
    },
    async 'nodeTypes.catalogue'() {
      return Promise.resolve({ nodeTypes: nodeCatalogue(registry) });
    },
  };
}

/** The workflow as it is on disk before a write, or undefined when there is none (or it cannot be read). */
async function previous(store: WorkflowStore, id: string): Promise<Workflow | undefined> {
  if (!(await store.exists(id))) return undefined;
  return store.read(id).catch(() => undefined);
}

/** `workflow.created`, or `workflow.changed` with what changed (nothing for a save that changed nothing but positions). */
async function auditSave(audit: AuditLog, actor: string, before: Workflow | undefined, after: Workflow): Promise<void> {
  const target = `workflow:${after.id}`;
  if (before === undefined) {
    await audit.record({ actor, action: 'workflow.created', target, details: { name: after.name, nodes: after.nodes.length } });
    return;
  }
  const change = diffWorkflows(before, after);
  // Nodes only moved on the canvas (autosave after a drag) change nothing an auditor asks about.
  if (isNoChange({ ...change, nodesMoved: 0 })) return;
  await audit.record({ actor, action: 'workflow.changed', target, details: { summary: describeChange(change), ...change } });
}

/** The id, or the first of `<id>-2`, `<id>-3`… not in use. */
async function freeId(store: WorkflowStore, id: string): Promise<string> {
  if (!(await store.exists(id))) return id;
  for (let n = 2; ; n += 1) {
    const candidate = `${id.slice(0, 120)}-${n}`;
    if (!(await store.exists(candidate))) return candidate;
  }
}
