import type { NodeContext } from '../../define-node-type.ts';

/**
 * What a trigger node emits: the payload its run was started with when the run names this node, else a sample made by
 * `sample` (a run started by hand, or from the editor: the node shows the shape downstream nodes read).
 */
export function firedWith<P>(ctx: Pick<NodeContext<unknown, unknown>, 'run' | 'node'>, sample: () => P): Record<string, unknown> {
  const { trigger } = ctx.run;
  if (trigger.nodeId === ctx.node.id && isRecord(trigger.payload)) return trigger.payload;
  return { ...(sample() as Record<string, unknown>), sample: true };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
