import { createShapeReader, runInputsShape, type ShapeWorkflow } from '../../../src-shared/workflow/output-shape.ts';
import { nodeDisplayName } from '../../../src-shared/workflow/node-display-name.ts';
import type { CompletionSources } from './completions.ts';

export interface SourcesInput {
  /** The open document (labels are read for "from" lines). */
  workflow: ShapeWorkflow;
  nodeId: string;
  /** The node's input port names. */
  inputPorts: readonly string[];
  /** The node's last known inputs by port (a run on the canvas, or pinned upstream outputs). */
  inputValues?: Readonly<Record<string, unknown>>;
  /** The last run's inputs. */
  runValue?: unknown;
}

/**
 * What the node's expression fields can complete: only what reaches this node (the nodes wired into its ports, by
 * label and port), the declared run inputs, and the last known values of both.
 */
export function completionSources({ workflow, nodeId, inputPorts, inputValues = {}, runValue }: SourcesInput): CompletionSources {
  const shapes = createShapeReader(workflow);
  const labels = new Map(workflow.nodes.map((node) => [node.id, nodeDisplayName(node)]));
  const fromOf = (port: string): string | undefined => {
    const edges = workflow.edges.filter((edge) => edge.target === nodeId && edge.targetPort === port);
    return edges.length === 0
      ? undefined
      : edges.map((edge) => `${labels.get(edge.source) ?? edge.source} → ${edge.sourcePort}`).join(', ');
  };
  const inFrom = inputPorts.includes('in') ? fromOf('in') : undefined;
  const sources: CompletionSources = {
    run: { fields: runInputsShape(workflow)?.fields ?? {}, value: runValue },
    ports: inputPorts.map((name) => {
      const from = fromOf(name);
      return { name, ...(from === undefined ? {} : { from }), value: inputValues[name] };
    }),
  };
  if (inFrom !== undefined) sources.input = { fields: shapes.input(nodeId)?.fields ?? {}, value: inputValues.in, from: inFrom };
  return sources;
}
