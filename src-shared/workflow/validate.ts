import type { z } from 'zod';
import type { Problem } from '../errors/operon-error.ts';
import type { ConfigCheckHelpers, NodeType } from '../nodes/define-node-type.ts';
import type { NodeRegistry } from '../nodes/registry.ts';
import { portTypesCompatible } from '../nodes/ports.ts';
import { documentScanProblems } from './document-scan.ts';
import { expressionProblems } from './expression-problems.ts';
import { findCycles, outputPortsOf } from './graph.ts';
import { migrateNodeConfig, migrateWorkflowDocument } from './migrations.ts';
import { formatPath } from './problem-path.ts';
import { validateRunInputs } from './run-inputs.ts';
import { edgeHasReservedName, reservedNameProblems } from './reserved-name-problems.ts';
import { WorkflowSchema, type Workflow, type WorkflowEdge, type WorkflowNode } from './schema.ts';

export type ValidationResult = { ok: true; workflow: Workflow; migratedFrom: number } | { ok: false; problems: Problem[] };

/**
 * Checks a parsed workflow document and returns every problem, each named by node or edge id:
 * the file format, unknown node types, node configs, edges to missing nodes or ports, port types,
 * required inputs with no edge, more than one edge into an input, duplicate ids and cycles; and hostile documents:
 * nesting past the depth limit (OPR-006, checked first and alone: everything after it recurses) and names
 * JavaScript gives a meaning to (OPR-021); expressions and templates that call unknown functions or read fields nothing
 * upstream provides (OPR-185 to OPR-188). On success, the workflow has migrated node configs with their defaults
 * filled in. Safe on any parsed JSON: nothing here recurses before the depth is known to be bounded.
 */
export function validateWorkflow(document: unknown, registry: NodeRegistry): ValidationResult {
  const scan = documentScanProblems(document);
  if (scan.tooDeep) return { ok: false, problems: scan.problems };
  const migration = migrateWorkflowDocument(document);
  if (!migration.ok) return { ok: false, problems: [...scan.problems, migration.problem] };
  const parsed = WorkflowSchema.safeParse(migration.document);
  if (!parsed.success) return { ok: false, problems: [...scan.problems, ...zodProblems(parsed.error, migration.document)] };

  const workflow = parsed.data;
  const problems: Problem[] = [...scan.problems];
  const helpers = configCheckHelpers(registry);
  // Nodes whose config is not of their type (a problem already said so): their ports cannot be worked out from it.
  const unreadable = new Set<string>();
  workflow.nodes = workflow.nodes.map((node, index) => checkNode(node, index, registry, helpers, problems, unreadable));
  problems.push(
    ...duplicateIds(workflow),
    ...edgeProblems(workflow, registry, unreadable),
    ...cycleProblems(workflow),
    ...inputsSchemaProblems(workflow),
    ...reservedNameProblems(workflow, registry, unreadable),
    ...expressionProblems(workflow, registry, unreadable),
  );
  return problems.length === 0 ? { ok: true, workflow, migratedFrom: migration.from } : { ok: false, problems };
}

function checkNode(
  node: WorkflowNode,
  index: number,
  registry: NodeRegistry,
  helpers: ConfigCheckHelpers,
  problems: Problem[],
  unreadable: Set<string>,
): WorkflowNode {
  const nodeType = registry.get(node.type);
  const at = `nodes[${index}]`;
  if (nodeType === undefined) {
    problems.push({ code: 'OPR-010', nodeId: node.id, path: `${at}.type`, message: `unknown node type "${node.type}"` });
    return node;
  }
  const migrated = migrateNodeConfig(node.config, node.typeVersion, nodeType.version, nodeType.migrations);
  if (!migrated.ok) {
    problems.push({ code: 'OPR-019', nodeId: node.id, path: `${at}.typeVersion`, message: `${node.type}: ${migrated.message}` });
    unreadable.add(node.id);
    return node;
  }
  const config = nodeType.config.safeParse(migrated.config);
  if (!config.success) {
    for (const issue of config.error.issues) {
      problems.push({ code: 'OPR-011', nodeId: node.id, path: formatPath([at, 'config', ...issue.path]), message: issue.message });
    }
    unreadable.add(node.id);
    return node;
  }
  if (node.settings?.cache === true && !nodeType.cacheable(config.data)) {
    problems.push({
      code: 'OPR-011',
      nodeId: node.id,
      path: `${at}.settings.cache`,
      message: `${node.type} nodes cannot be cached: they have side effects or read changing data`,
    });
  }
  for (const problem of nodeType.check(config.data, helpers)) {
    problems.push({ code: problem.code ?? 'OPR-011', nodeId: node.id, path: `${at}.config.${problem.path}`, message: problem.message });
  }
  return { ...node, typeVersion: nodeType.version, config: config.data as Record<string, unknown> };
}

function configCheckHelpers(registry: NodeRegistry): ConfigCheckHelpers {
  return {
    hasNodeType: (type) => registry.get(type) !== undefined,
    checkInnerNode: (type, config) => {
      const nodeType = registry.get(type);
      if (nodeType === undefined) return [{ path: 'type', message: `unknown node type "${type}"` }];
      const parsed = nodeType.config.safeParse(config);
      if (!parsed.success) return parsed.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
      return nodeType.check(parsed.data, configCheckHelpers(registry));
    },
  };
}

function duplicateIds(workflow: Workflow): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  workflow.nodes.forEach((node, index) => {
    if (seen.has(node.id))
      problems.push({ code: 'OPR-017', nodeId: node.id, path: `nodes[${index}].id`, message: `node id "${node.id}" is used twice` });
    seen.add(node.id);
  });
  const seenEdges = new Set<string>();
  workflow.edges.forEach((edge, index) => {
    if (seenEdges.has(edge.id))
      problems.push({ code: 'OPR-017', edgeId: edge.id, path: `edges[${index}].id`, message: `edge id "${edge.id}" is used twice` });
    seenEdges.add(edge.id);
  });
  const seenNotes = new Set<string>();
  (workflow.stickyNotes ?? []).forEach((note, index) => {
    if (seenNotes.has(note.id))
      problems.push({ code: 'OPR-017', path: `stickyNotes[${index}].id`, message: `sticky note id "${note.id}" is used twice` });
    seenNotes.add(note.id);
  });
  return problems;
}

function edgeProblems(workflow: Workflow, registry: NodeRegistry, unreadable: ReadonlySet<string>): Problem[] {
  const problems: Problem[] = [];
  const nodes = new Map(workflow.nodes.map((node) => [node.id, node]));
  const connected = new Set<string>();
  workflow.edges.forEach((edge, index) => {
    const at = `edges[${index}]`;
    const source = nodes.get(edge.source);
    const target = nodes.get(edge.target);
    if (source === undefined)
      problems.push({ code: 'OPR-012', edgeId: edge.id, path: `${at}.source`, message: `source node "${edge.source}" does not exist` });
    if (target === undefined)
      problems.push({ code: 'OPR-012', edgeId: edge.id, path: `${at}.target`, message: `target node "${edge.target}" does not exist` });
    const sourceType = source === undefined ? undefined : registry.get(source.type);
    const targetType = target === undefined ? undefined : registry.get(target.type);
    if (source === undefined || target === undefined || sourceType === undefined || targetType === undefined) return;
    if (!edgeHasReservedName(edge) && !unreadable.has(source.id) && !unreadable.has(target.id))
      problems.push(...portProblems(edge, at, source, sourceType, target, targetType));
    const key = `${edge.target}\u0000${edge.targetPort}`;
    if (connected.has(key)) {
      problems.push({
        code: 'OPR-018',
        edgeId: edge.id,
        nodeId: target.id,
        path: at,
        message: `input "${edge.targetPort}" of node "${target.id}" already has an edge`,
      });
    }
    connected.add(key);
  });
  workflow.nodes.forEach((node, index) => {
    const nodeType = registry.get(node.type);
    if (nodeType === undefined || unreadable.has(node.id)) return;
    for (const [portId, portDef] of Object.entries(nodeType.inputPorts(node.config))) {
      if (portDef.required && !connected.has(`${node.id}\u0000${portId}`)) {
        problems.push({
          code: 'OPR-014',
          nodeId: node.id,
          path: `nodes[${index}]`,
          message: `required input "${portId}" of node "${node.id}" has no edge`,
        });
      }
    }
  });
  return problems;
}

/** An edge's ports: they exist on their nodes (own ports only) and their types fit. */
function portProblems(
  edge: WorkflowEdge,
  at: string,
  source: WorkflowNode,
  sourceType: NodeType,
  target: WorkflowNode,
  targetType: NodeType,
): Problem[] {
  const problems: Problem[] = [];
  const outPort = ownPort(outputPortsOf(source, sourceType), edge.sourcePort);
  const inPort = ownPort(targetType.inputPorts(target.config), edge.targetPort);
  if (outPort === undefined) {
    const hint = edge.sourcePort === 'error' ? ' (the error port exists when the node\'s settings.onError is "route")' : '';
    problems.push({
      code: 'OPR-013',
      edgeId: edge.id,
      nodeId: source.id,
      path: `${at}.sourcePort`,
      message: `node "${source.id}" (${source.type}) has no output port "${edge.sourcePort}"${hint}; it has: ${portList(outputPortsOf(source, sourceType))}`,
    });
  }
  if (inPort === undefined) {
    problems.push({
      code: 'OPR-013',
      edgeId: edge.id,
      nodeId: target.id,
      path: `${at}.targetPort`,
      message: `node "${target.id}" (${target.type}) has no input port "${edge.targetPort}"; it has: ${portList(targetType.inputPorts(target.config))}`,
    });
  }
  if (outPort !== undefined && inPort !== undefined && !portTypesCompatible(outPort.type, inPort.type)) {
    problems.push({
      code: 'OPR-015',
      edgeId: edge.id,
      path: at,
      message: `"${source.id}.${edge.sourcePort}" (${outPort.type}) cannot connect to "${target.id}.${edge.targetPort}" (${inPort.type})`,
    });
  }
  return problems;
}

/** The port of that name, never one inherited from Object.prototype. */
function ownPort<P>(ports: Record<string, P>, name: string): P | undefined {
  return Object.hasOwn(ports, name) ? ports[name] : undefined;
}

function portList(ports: Record<string, unknown>): string {
  const ids = Object.keys(ports);
  return ids.length === 0 ? '(none)' : ids.map((id) => `"${id}"`).join(', ');
}

function cycleProblems(workflow: Workflow): Problem[] {
  return findCycles(
    workflow.nodes.map((node) => node.id),
    workflow.edges,
  ).map((cycle) => ({
    code: 'OPR-016' as const,
    nodeId: cycle[0]!,
    message: `cycle through nodes ${cycle.map((id) => `"${id}"`).join(' → ')}`,
  }));
}

function inputsSchemaProblems(workflow: Workflow): Problem[] {
  const schema = workflow.inputs;
  if (schema === undefined) return [];
  if (schema.type !== undefined && schema.type !== 'object') {
    return [
      {
        code: 'OPR-031',
        path: 'inputs.type',
        message: `the inputs schema describes the inputs object, so its type is "object", not ${JSON.stringify(schema.type)}`,
      },
    ];
  }
  if (
    schema.properties !== undefined &&
    (typeof schema.properties !== 'object' || schema.properties === null || Array.isArray(schema.properties))
  ) {
    return [{ code: 'OPR-031', path: 'inputs.properties', message: 'inputs.properties must be an object of property schemas' }];
  }
  // Applied to no inputs at all, a schema the validator cannot use throws (a `required` that is not a list, say). No
  // string is checked against a pattern here, so this cannot take long.
  const applied = validateRunInputs({ inputs: { ...schema, properties: {} } }, {});
  return applied.ok ? [] : applied.problems.filter((problem) => problem.code === 'OPR-031');
}

function zodProblems(error: z.ZodError, document: Record<string, unknown>): Problem[] {
  return error.issues.map((issue) => {
    const [head, index] = issue.path;
    const list = typeof head === 'string' ? document[head] : undefined;
    const item = Array.isArray(list) && typeof index === 'number' ? (list[index] as { id?: unknown } | undefined) : undefined;
    const id = typeof item?.id === 'string' ? item.id : undefined;
    return {
      code: 'OPR-002' as const,
      path: formatPath(issue.path),
      message: issue.message,
      ...(id !== undefined && head === 'nodes' ? { nodeId: id } : {}),
      ...(id !== undefined && head === 'edges' ? { edgeId: id } : {}),
    };
  });
}
