import type { NodeType } from '../../../../../src-shared/nodes/define-node-type.ts';
import { WorkflowSchema, type WorkflowSettings } from '../../../../../src-shared/workflow/schema.ts';
import type { ListenedTrigger } from '../../trigger-source.ts';

/**
 * A trigger node of a one-node workflow, as the service hands it to a source: the config parsed by the node's type
 * (defaults filled in), the workflow's settings as given.
 */
export function listenedTrigger(options: {
  type: NodeType;
  workflowId: string;
  nodeId: string;
  config?: Record<string, unknown>;
  settings?: Partial<WorkflowSettings>;
  workspace?: string;
}): ListenedTrigger {
  const config = options.type.config.parse(options.config ?? {}) as Record<string, unknown>;
  const node = { id: options.nodeId, type: options.type.type, typeVersion: options.type.version, position: { x: 0, y: 0 }, config };
  const workflow = WorkflowSchema.parse({
    schemaVersion: 1,
    id: options.workflowId,
    name: `Workflow ${options.workflowId}`,
    nodes: [node],
    edges: [],
    settings: options.settings ?? {},
  });
  return { workspace: options.workspace ?? 'default', workflow, node, config };
}
