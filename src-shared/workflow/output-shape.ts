import { expressionAst } from '../expressions/expression-ast.ts';
import type { Workflow } from './schema.ts';

/** The fields a value is known to have at design time, with their descriptions where a schema gives them. */
export interface Shape {
  fields: Record<string, string | undefined>;
  /** Whether these are all its fields: only then is a name outside them a mistake. */
  closed: boolean;
}

/** As much of a workflow as shape inference reads (the editor's document and a validated workflow both fit). */
export type ShapeWorkflow = Pick<Workflow, 'nodes' | 'edges' | 'inputs'>;

type Config = Record<string, unknown>;
const record = (value: unknown): Record<string, unknown> | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

/** The fields the run inputs declare (`inputs.properties`), closed when the workflow declares them; else undefined. */
export function runInputsShape(workflow: Pick<Workflow, 'inputs'>): Shape | undefined {
  const properties = record(record(workflow.inputs)?.properties);
  if (properties === undefined) return undefined;
  const fields: Shape['fields'] = {};
  for (const [name, schema] of Object.entries(properties)) {
    const description = record(schema)?.description;
    fields[name] = typeof description === 'string' ? description : undefined;
  }
  return { fields, closed: true };
}

/**
 * Works out statically what fields each node's outputs have, where its type and config say so: the manual trigger
 * emits the declared run inputs, an LLM with JSON output its schema's properties, a Transform that builds an object
 * its keys, and Router, Condition, Delay and Approval pass their input on. Anything else is unknown (undefined), so
 * no check built on this ever flags a name it cannot be sure of.
 */
export function createShapeReader(workflow: ShapeWorkflow): {
  output: (nodeId: string, port: string) => Shape | undefined;
  input: (nodeId: string, port?: string) => Shape | undefined;
} {
  const nodes = new Map(workflow.nodes.map((node) => [node.id, node]));
  const memo = new Map<string, Shape | undefined>();
  const visiting = new Set<string>();

  const input = (nodeId: string, port = 'in'): Shape | undefined => {
    const edges = workflow.edges.filter((edge) => edge.target === nodeId && edge.targetPort === port);
    const shapes = edges.map((edge) => output(edge.source, edge.sourcePort));
    if (shapes.length === 0 || shapes.some((shape) => shape === undefined)) return undefined;
    return merged(shapes as Shape[]);
  };

  const output = (nodeId: string, port: string): Shape | undefined => {
    const key = `${nodeId}\u0000${port}`;
    if (memo.has(key)) return memo.get(key);
    if (visiting.has(key)) return undefined;
    visiting.add(key);
    const node = nodes.get(nodeId);
    const shape = node === undefined || port === 'error' ? undefined : infer(node.type, node.config, nodeId, port);
    visiting.delete(key);
    memo.set(key, shape);
    return shape;
  };

  const infer = (type: string, config: Config, nodeId: string, port: string): Shape | undefined => {
    switch (type) {
      case 'core.manual-trigger':
        return port === 'out' ? triggerShape(workflow, config) : undefined;
      case 'core.llm':
        return port === 'out' && config.output === 'json' ? schemaShape(config.schema) : undefined;
      case 'core.transform':
        return port === 'out' && typeof config.expression === 'string' ? transformShape(config.expression, () => input(nodeId)) : undefined;
      case 'core.router':
      case 'core.condition':
      case 'core.delay':
        return input(nodeId);
      case 'core.approval': {
        // A person may edit the value before approving it: its fields are likely, not certain.
        const passed = port === 'approved' ? input(nodeId) : undefined;
        return passed === undefined ? undefined : { fields: passed.fields, closed: false };
      }
      default:
        return undefined;
    }
  };

  return { output, input };
}

function triggerShape(workflow: ShapeWorkflow, config: Config): Shape | undefined {
  const declared = runInputsShape(workflow);
  const sample = record(config.sample);
  if (declared === undefined && (sample === undefined || Object.keys(sample).length === 0)) return undefined;
  const fields: Shape['fields'] = {};
  for (const name of Object.keys(sample ?? {})) fields[name] = undefined;
  return { fields: { ...fields, ...declared?.fields }, closed: declared !== undefined };
}

function schemaShape(schema: unknown): Shape | undefined {
  const properties = record(record(schema)?.properties);
  if (properties === undefined) return undefined;
  const fields: Shape['fields'] = {};
  for (const [name, property] of Object.entries(properties)) {
    const description = record(property)?.description;
    fields[name] = typeof description === 'string' ? description : undefined;
  }
  return { fields, closed: true };
}

/** `{ "a": …, "b": … }` has exactly a and b; `$merge([$, { "a": … }])` has the input's fields and a. */
function transformShape(expression: string, inputShape: () => Shape | undefined): Shape | undefined {
  let ast: unknown;
  try {
    ast = expressionAst(expression);
  } catch {
    return undefined;
  }
  const keys = objectKeys(ast);
  if (keys !== undefined) return { fields: Object.fromEntries(keys.map((key) => [key, undefined])), closed: true };
  const node = record(ast);
  const procedure = record(node?.procedure);
  const [list] = Array.isArray(node?.arguments) ? (node.arguments as unknown[]) : [];
  const items = record(list)?.value === '[' ? record(list)?.expressions : undefined;
  if (node?.type !== 'function' || procedure?.value !== 'merge' || !Array.isArray(items)) return undefined;
  const parts: Shape[] = [];
  for (const item of items) {
    const own = objectKeys(item);
    const itemNode = record(item);
    if (own !== undefined) parts.push({ fields: Object.fromEntries(own.map((key) => [key, undefined])), closed: true });
    else if (itemNode?.type === 'variable' && itemNode.value === '') {
      const passed = inputShape();
      if (passed === undefined) return undefined;
      parts.push(passed);
    } else return undefined;
  }
  return parts.length === 0 ? undefined : merged(parts);
}

function objectKeys(ast: unknown): string[] | undefined {
  const node = record(ast);
  if (node?.type !== 'unary' || node.value !== '{' || !Array.isArray(node.lhs)) return undefined;
  const keys: string[] = [];
  for (const pair of node.lhs as unknown[]) {
    const key = Array.isArray(pair) ? record(pair[0]) : undefined;
    if (key?.type !== 'string' || typeof key.value !== 'string') return undefined;
    keys.push(key.value);
  }
  return keys;
}

/** Every field any of the values has; closed only when all of them are (several edges into one port, `$merge`). */
function merged(shapes: Shape[]): Shape {
  const fields: Shape['fields'] = {};
  for (const shape of shapes) for (const [name, description] of Object.entries(shape.fields)) fields[name] ??= description;
  return { fields, closed: shapes.every((shape) => shape.closed) };
}
