import type { NodeRegistry } from '../../nodes/registry.ts';
import type { Workflow, WorkflowInput } from '../../workflow/schema.ts';
import { validateWorkflow } from '../../workflow/validate.ts';
import { formatProblem } from '../../errors/operon-error.ts';

interface NodeSpec {
  id: string;
  type: string;
  /** Default 1: a later version's config is written as that version's. */
  typeVersion?: number;
  config?: Record<string, unknown>;
  settings?: Record<string, unknown>;
}

/**
 * Builds and validates a workflow from short specs: edges as `"a.out -> b.in"`.
 * Throws with every problem when it is invalid, so a test never runs a broken graph by accident.
 */
export function buildWorkflow(
  registry: NodeRegistry,
  nodes: NodeSpec[],
  edges: string[],
  settings: Record<string, unknown> = {},
  extra: Partial<WorkflowInput> = {},
): Workflow {
  const document = {
    schemaVersion: 1,
    id: 'test',
    name: 'Test',
    nodes: nodes.map((node, i) => ({
      id: node.id,
      type: node.type,
      typeVersion: node.typeVersion ?? 1,
      position: { x: i * 200, y: 0 },
      config: node.config ?? {},
      ...(node.settings === undefined ? {} : { settings: node.settings }),
    })),
    edges: edges.map((spec, i) => {
      const match = /^([\w.-]+)\.([\w-]+)\s*->\s*([\w.-]+)\.([\w-]+)$/.exec(spec);
      if (match === null) throw new Error(`bad edge spec "${spec}"`);
      const [, source, sourcePort, target, targetPort] = match as unknown as [string, string, string, string, string];
      return { id: `e${i}`, source, sourcePort, target, targetPort };
    }),
    settings,
    ...extra,
  };
  const result = validateWorkflow(document, registry);
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
  return result.workflow;
}
