import { ApiError } from '../../../src-shared/api/errors.ts';
import type { Pin } from '../../../src-shared/api/debug-schemas.ts';
import type { EngineEvent } from '../../../src-shared/engine/events.ts';
import { OperonError } from '../../../src-shared/errors/operon-error.ts';
import type { NodeType } from '../../../src-shared/nodes/define-node-type.ts';
import { checkPortValue } from '../../../src-shared/nodes/ports.ts';
import { outputPortsOf } from '../../../src-shared/workflow/graph.ts';
import type { WorkflowNode } from '../../../src-shared/workflow/schema.ts';
import { workspacePaths } from '../../services/data-dir.ts';
import { readEvents, readRun } from '../../services/run-log/run-reader.ts';
import { hasRedactedSecret } from '../../services/secrets.ts';
import type { ApiContext, CallImpls } from './call-types.ts';

type PinCalls = 'pins.list' | 'pins.set' | 'pins.remove';

/** Pinned node outputs for design runs (`runs.start` with `pins: true` uses them). */
export function pinCalls(context: ApiContext): CallImpls<PinCalls> {
  return {
    async 'pins.list'({ workspace, workflowId }) {
      return { pins: await (await context.pins(workspace)).list(workflowId) };
    },
    async 'pins.set'({ workspace, workflowId, nodeId, outputs, fromRunId, by }) {
      const workflow = await (await context.workflows(workspace)).read(workflowId);
      const node = workflow.nodes.find((candidate) => candidate.id === nodeId);
      if (node === undefined) throw new ApiError('OPR-159', `workflow "${workflowId}" has no node "${nodeId}" to pin`);
      const runsDir = workspacePaths(context.dataDir, workspace).runs;
      const pinned = outputs ?? (await outputsFromRun(runsDir, workflowId, nodeId, fromRunId ?? ''));
      const nodeType = context.registry.get(node.type);
      if (nodeType !== undefined) checkPinnedOutputs(node, nodeType, pinned);
      const secret = (await context.host(workspace)).findSecret(JSON.stringify(pinned));
      if (secret !== undefined)
        throw new ApiError(
          'OPR-191',
          `cannot pin the outputs of node "${nodeId}": they hold the value of secret ${secret}, and pins are kept on disk`,
        );
      const pin: Pin = {
        outputs: pinned,
        ...(fromRunId === undefined ? {} : { fromRunId }),
        pinnedAt: Date.now(),
        by,
      };
      return { pin: await (await context.pins(workspace)).set(workflowId, nodeId, pin) };
    },
    async 'pins.remove'({ workspace, workflowId, nodeId }) {
      return { removed: await (await context.pins(workspace)).remove(workflowId, nodeId) };
    },
  };
}

/** Pinned outputs stand in for the node's: each must be one of its output ports, with a value of the port's type. */
function checkPinnedOutputs(node: WorkflowNode, nodeType: NodeType, outputs: Record<string, unknown>): void {
  const ports = outputPortsOf(node, nodeType);
  for (const [port, value] of Object.entries(outputs)) {
    const def = ports[port];
    const problem =
      def === undefined
        ? `"${node.id}" has no output port "${port}" (its ports: ${Object.keys(ports).join(', ') || 'none'})`
        : checkPortValue(def.type, value);
    if (problem !== undefined) throw new ApiError('OPR-103', `cannot pin output "${port}" of node "${node.id}": ${problem}`);
  }
}

/**
 * The outputs a node produced in a run of the workflow (large values resolved). OPR-159 when the run is of another
 * workflow or the node produced no outputs there (it failed unhandled, was skipped, or never ran).
 */
async function outputsFromRun(runsDir: string, workflowId: string, nodeId: string, runId: string): Promise<Record<string, unknown>> {
  const run = await readRun(runsDir, runId);
  if (run.workflowId !== workflowId)
    throw new OperonError(
      'OPR-159',
      `run ${runId} ran workflow "${run.workflowId}", not "${workflowId}": its outputs cannot be pinned here`,
    );
  const { events } = await readEvents(runsDir, runId, { resolveRefs: true });
  const settled = events.findLast(
    (event): event is Extract<EngineEvent, { type: 'node.finished' | 'node.reused' | 'node.skipped' }> =>
      event.runId === runId &&
      (event.type === 'node.finished' || event.type === 'node.reused' || event.type === 'node.skipped') &&
      event.nodeId === nodeId,
  );
  if (settled?.type === 'node.reused' || (settled?.type === 'node.finished' && settled.status !== 'failed')) {
    if (hasRedactedSecret(JSON.stringify(settled.outputs)))
      throw new OperonError(
        'OPR-159',
        `the outputs of node "${nodeId}" in run ${runId} held a secret, which run logs do not keep: type the outputs to pin instead`,
      );
    return settled.outputs;
  }
  const what = settled === undefined ? 'did not finish' : settled.type === 'node.skipped' ? 'was skipped' : 'failed';
  throw new OperonError('OPR-159', `node "${nodeId}" ${what} in run ${runId}, so it has no outputs to pin`);
}
