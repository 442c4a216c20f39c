import { canonicalJson } from '../../../src-shared/engine/canonical-json.ts';
import type { NodeRegistry } from '../../../src-shared/nodes/registry.ts';
import { validateWorkflow } from '../../../src-shared/workflow/validate.ts';
import { WorkflowSchema, type Workflow } from '../../../src-shared/workflow/schema.ts';

/**
 * Whether a run's workflow snapshot (run.json's `workflow`) differs from the open workflow in anything that changes
 * how it runs: its nodes (type, version, config, settings), edges, settings and run inputs. Positions, labels,
 * notes, the name and the description are left out (moving a node does not make a run outdated). Both sides are
 * first read as a run reads them (validated with `registry`: migrated, config defaults filled in), so a snapshot
 * is not "different" only for holding the defaults a file leaves out. Undefined when the run has no snapshot.
 */
export function ranEarlierVersion(snapshot: unknown, current: Workflow, registry: NodeRegistry): boolean | undefined {
  if (snapshot === null || snapshot === undefined) return undefined;
  const parsed = WorkflowSchema.safeParse(snapshot);
  if (!parsed.success) return true;
  return runnableShape(asRun(parsed.data, registry)) !== runnableShape(asRun(current, registry));
}

/** The workflow as the engine runs it; a draft with problems (it could not run) stays as it is. */
function asRun(workflow: Workflow, registry: NodeRegistry): Workflow {
  const checked = validateWorkflow(workflow, registry);
  return checked.ok ? checked.workflow : workflow;
}

function runnableShape(workflow: Workflow): string {
  const nodes = workflow.nodes
    .map(({ id, type, typeVersion, config, settings }) => ({ id, type, typeVersion, config, settings }))
    .sort((a, b) => compare(a.id, b.id));
  const edges = [...workflow.edges].sort((a, b) => compare(a.id, b.id));
  return canonicalJson({ id: workflow.id, nodes, edges, settings: workflow.settings, inputs: workflow.inputs });
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
