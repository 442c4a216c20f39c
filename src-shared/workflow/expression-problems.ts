import { z } from 'zod';
import type { Problem } from '../errors/operon-error.ts';
import { expressionReferences, templateReferences } from '../expressions/expression-references.ts';
import { KNOWN_FUNCTION_NAMES, OPERON_VARIABLES } from '../expressions/function-catalogue.ts';
import type { NodeType } from '../nodes/define-node-type.ts';
import type { NodeRegistry } from '../nodes/registry.ts';
import { expressionFields, type ExpressionField } from './expression-fields.ts';
import { nodeDisplayName } from './node-display-name.ts';
import { createShapeReader, runInputsShape, type Shape, type ShapeWorkflow } from './output-shape.ts';
import type { WorkflowNode } from './schema.ts';

/**
 * Node types whose top-level expressions and templates (and Router's route expressions) read the node's `in` input as
 * `$`. Others evaluate over something else (a Map item, an agent tool's arguments, each record to write), so a field
 * name there is never checked against the input.
 */
const READS_INPUT = new Set([
  'core.llm',
  'core.agent',
  'core.approval',
  'core.router',
  'core.condition',
  'core.transform',
  'core.http-request',
  'core.read-file',
  'core.write-file',
  'core.sub-workflow',
]);
const READS_INPUT_PATH = /^(?:[A-Za-z0-9_]+|routes\.\d+\.expression)$/;
const HOST_VARIABLES = new Set(OPERON_VARIABLES.map((v) => v.name));

const schemas = new WeakMap<NodeType, Record<string, unknown>>();
function configSchema(nodeType: NodeType): Record<string, unknown> {
  let schema = schemas.get(nodeType);
  if (schema === undefined) {
    schema = z.toJSONSchema(nodeType.config, { io: 'input', unrepresentable: 'any' });
    schemas.set(nodeType, schema);
  }
  return schema;
}

const nodeName = (node: Pick<WorkflowNode, 'id' | 'label'>): string => `"${nodeDisplayName(node)}"`;
const listOf = (names: readonly string[]): string => (names.length === 0 ? 'none' : names.join(', '));

/**
 * Design-time problems in the expressions and templates of a workflow's nodes: functions that are neither JSONata's
 * nor Operon's (OPR-185), fields of the input that the upstream node is known not to provide (OPR-186), run inputs the
 * workflow does not declare (OPR-187) and input ports the node does not have (OPR-188). Only what is certain is
 * reported: an input whose fields cannot be worked out statically is never checked. `skip` holds nodes whose config
 * did not parse (already reported). The editor's problems and `operon validate` both come here.
 */
export function expressionProblems(workflow: ShapeWorkflow, registry: NodeRegistry, skip: ReadonlySet<string> = new Set()): Problem[] {
  const problems: Problem[] = [];
  const shapes = createShapeReader(workflow);
  const runShape = runInputsShape(workflow);
  workflow.nodes.forEach((node, index) => {
    const nodeType = registry.get(node.type);
    if (nodeType === undefined || skip.has(node.id)) return;
    let ports: string[];
    try {
      ports = Object.keys(nodeType.inputPorts(node.config));
    } catch {
      return;
    }
    const inputShape = READS_INPUT.has(node.type) && ports.includes('in') ? shapes.input(node.id) : undefined;
    for (const field of expressionFields(configSchema(nodeType), node.config)) {
      const at = { nodeId: node.id, path: `nodes[${index}].config.${field.path}` };
      const checked = { shape: READS_INPUT_PATH.test(field.path) ? inputShape : undefined, runShape, ports };
      for (const problem of fieldProblems(field, checked))
        problems.push({ ...at, ...problem, message: `node ${nodeName(node)}: ${problem.message}` });
    }
  });
  return problems;
}

interface Known {
  shape: Shape | undefined;
  runShape: Shape | undefined;
  ports: string[];
}

function fieldProblems(field: ExpressionField, known: Known): Omit<Problem, 'nodeId' | 'path'>[] {
  const refs = field.kind === 'template' ? templateReferences(field.text) : expressionReferences(field.text);
  if (refs === undefined) return [];
  const where = `the ${field.kind} in ${field.path}`;
  const problems: Omit<Problem, 'nodeId' | 'path'>[] = [];
  for (const name of refs.calls) {
    if (KNOWN_FUNCTION_NAMES.has(name) || HOST_VARIABLES.has(name)) continue;
    problems.push({
      code: 'OPR-185',
      message: `${where} calls $${name}(), which is not a JSONata function or $secret, and the expression does not define it`,
    });
  }
  const { shape, runShape } = known;
  if (shape?.closed === true) {
    for (const name of refs.inputFields) {
      if (Object.hasOwn(shape.fields, name)) continue;
      const shown = field.kind === 'template' ? `{{ ${name} }}` : `"${name}"`;
      problems.push({
        code: 'OPR-186',
        message: `${where} reads ${shown}, but no upstream output provides "${name}" (the input has: ${listOf(Object.keys(shape.fields))})`,
      });
    }
  }
  if (runShape !== undefined) {
    for (const name of refs.runFields) {
      if (Object.hasOwn(runShape.fields, name)) continue;
      problems.push({
        code: 'OPR-187',
        message: `${where} reads $run.${name}, but the workflow declares no run input "${name}" (it declares: ${listOf(Object.keys(runShape.fields))})`,
      });
    }
  }
  for (const port of refs.inputPorts) {
    if (known.ports.includes(port)) continue;
    problems.push({
      code: 'OPR-188',
      message: `${where} reads $inputs.${port}, but the node has no input "${port}" (it has: ${listOf(known.ports)})`,
    });
  }
  return problems;
}
