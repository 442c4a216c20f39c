import type { Problem } from '../errors/operon-error.ts';
import { PROTO_KEY } from '../limits/json-limits.ts';
import { isReservedName, reservedNameMessage } from '../limits/reserved-names.ts';
import type { NodeRegistry } from '../nodes/registry.ts';
import { outputPortsOf } from './graph.ts';
import type { Workflow } from './schema.ts';

/**
 * Every name in a workflow that becomes an object key in the engine and is one JavaScript gives a meaning to
 * (`__proto__`, `constructor`, `toString`…: see limits/reserved-names.ts), as OPR-021 problems: node ids, edge ids and
 * ends, edge ports, the ports a node type declares from its config, and the inputs schema's property names.
 * Route and output names are refused by their node types' checks (Router, Output), with the config path. Nodes in
 * `unreadable` (their config is not of their type) are skipped: their ports cannot be worked out.
 */
export function reservedNameProblems(workflow: Workflow, registry: NodeRegistry, unreadable: ReadonlySet<string>): Problem[] {
  const problems: Problem[] = [];
  workflow.nodes.forEach((node, index) => {
    const at = `nodes[${index}]`;
    if (isReservedName(node.id))
      problems.push({ code: 'OPR-021', nodeId: node.id, path: `${at}.id`, message: reservedNameMessage('the node id', node.id) });
    const nodeType = registry.get(node.type);
    // A config that is not of its type (already a problem) declares no ports anyone can read.
    if (nodeType === undefined || unreadable.has(node.id)) return;
    const declared: [string, Record<string, unknown>][] = [
      ['input port', nodeType.inputPorts(node.config)],
      ['output port', outputPortsOf(node, nodeType)],
    ];
    for (const [what, ports] of declared) {
      for (const name of Object.keys(ports).filter(isReservedName))
        problems.push({ code: 'OPR-021', nodeId: node.id, path: `${at}.config`, message: reservedNameMessage(`the ${what}`, name) });
    }
  });
  workflow.edges.forEach((edge, index) => {
    for (const field of ['id', 'source', 'sourcePort', 'target', 'targetPort'] as const) {
      const name = edge[field];
      if (isReservedName(name))
        problems.push({
          code: 'OPR-021',
          edgeId: edge.id,
          path: `edges[${index}].${field}`,
          message: reservedNameMessage(`the edge's ${field}`, name),
        });
    }
  });
  const properties = workflow.inputs?.properties;
  if (properties !== null && typeof properties === 'object' && !Array.isArray(properties)) {
    // A "__proto__" key is reported wherever it is by the document scan (document-scan.ts).
    for (const name of Object.keys(properties).filter((key) => isReservedName(key) && key !== PROTO_KEY))
      problems.push({ code: 'OPR-021', path: `inputs.properties.${name}`, message: reservedNameMessage('the input', name) });
  }
  return problems;
}

/** Whether an edge names a reserved port or node: its ports are not looked up (OPR-021 already says what is wrong). */
export function edgeHasReservedName(edge: Workflow['edges'][number]): boolean {
  return [edge.source, edge.sourcePort, edge.target, edge.targetPort].some(isReservedName);
}
