import type { Problem } from '../errors/operon-error.ts';
import type { NodeRegistry } from '../nodes/registry.ts';
import type { Workflow } from '../workflow/schema.ts';
import type { TenantPolicy } from './policy-schema.ts';

type PolicyRules = Pick<TenantPolicy, 'nodeTypes' | 'agentTools' | 'models'>;

/**
 * What the workspace's policy refuses in a workflow, each problem naming the node: a node type not in `nodeTypes`
 * (OPR-261), a model provider not in `models.providers` (OPR-262), an Agent tool whose kind and name are both not in
 * `agentTools` (OPR-263). The editor, `operon validate` and activation show them; the engine refuses to start a run
 * that has any (a file edited behind the editor's back). With `registry`, node types are named by their titles.
 */
export function policyProblems(workflow: Pick<Workflow, 'nodes'>, policy: PolicyRules, registry?: Pick<NodeRegistry, 'get'>): Problem[] {
  const problems: Problem[] = [];
  const title = (type: string): string => registry?.get(type)?.title ?? type;
  const types = policy.nodeTypes === undefined ? undefined : new Set(policy.nodeTypes);
  const providers = policy.models.providers;
  const tools = policy.agentTools === undefined ? undefined : new Set(policy.agentTools);
  workflow.nodes.forEach((node, index) => {
    const label = node.label === undefined || node.label === '' ? `"${node.id}"` : `"${node.label}" (${node.id})`;
    if (types !== undefined && !types.has(node.type)) {
      problems.push({
        code: 'OPR-261',
        nodeId: node.id,
        path: `nodes[${index}].type`,
        message: `node ${label} is of the type ${title(node.type)} (${node.type}), which the workspace policy does not allow`,
      });
      return;
    }
    const config = node.config as { provider?: unknown; tools?: unknown };
    if (providers !== undefined && typeof config.provider === 'string' && config.provider !== '' && !providers.includes(config.provider)) {
      problems.push({
        code: 'OPR-262',
        nodeId: node.id,
        path: `nodes[${index}].config.provider`,
        message: `node ${label} calls the model provider "${config.provider}", which the workspace policy does not allow (models.providers: ${listed(providers)})`,
      });
    }
    if (tools !== undefined && Array.isArray(config.tools)) {
      config.tools.forEach((tool: unknown, toolIndex) => {
        const { kind, name } = (tool ?? {}) as { kind?: unknown; name?: unknown };
        if ((typeof kind === 'string' && tools.has(kind)) || (typeof name === 'string' && tools.has(name))) return;
        problems.push({
          code: 'OPR-263',
          nodeId: node.id,
          path: `nodes[${index}].config.tools[${toolIndex}]`,
          message: `node ${label} gives its agent the ${String(kind)} tool "${String(name)}", which the workspace policy does not allow (agentTools: ${listed(policy.agentTools ?? [])})`,
        });
      });
    }
  });
  return problems;
}

function listed(values: readonly string[]): string {
  return values.length === 0 ? 'none' : values.join(', ');
}
