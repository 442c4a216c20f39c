import type { Problem } from '../errors/operon-error.ts';
import type { NodeRegistry } from '../nodes/registry.ts';
import type { Workflow } from './schema.ts';

/**
 * OPR-180 warnings: each node that names a model provider (an LLM or Agent node: a `provider` field picked from the
 * configured ones) naming one that is not configured where the workflow is checked, with the configured ones listed.
 * `providers` comes from the host (`providers.list`, or the CLI's own read of providers.json and the environment): the
 * engine stays a library with services passed in. A warning, not an error: the workflow can still run where the
 * provider is configured.
 */
export function providerProblems(workflow: Pick<Workflow, 'nodes'>, registry: NodeRegistry, providers: readonly string[]): Problem[] {
  const configured = new Set(providers);
  const listed = providers.length === 0 ? 'no provider is configured here' : `configured: ${providers.join(', ')}`;
  const problems: Problem[] = [];
  workflow.nodes.forEach((node, index) => {
    if (!namesProvider(registry, node.type)) return;
    const provider = node.config.provider;
    if (typeof provider !== 'string' || provider.trim() === '' || configured.has(provider)) return;
    problems.push({
      code: 'OPR-180',
      nodeId: node.id,
      path: `nodes[${index}].config.provider`,
      message: `the model provider "${provider}" is not configured (${listed})`,
    });
  });
  return problems;
}

/** Whether a node type's config picks a model provider (its `provider` field has the provider picker). */
function namesProvider(registry: NodeRegistry, type: string): boolean {
  const nodeType = registry.get(type);
  if (nodeType === undefined) return false;
  const defaults: unknown = nodeType.config.parse({});
  return defaults !== null && typeof defaults === 'object' && typeof (defaults as { provider?: unknown }).provider === 'string';
}
