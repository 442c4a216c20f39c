import { z } from 'zod';
import { nodeLabels, type TitleOf } from '../../../src-shared/workflow/node-labels.ts';

const SnapshotNodes = z.object({
  nodes: z.array(z.object({ id: z.string(), type: z.string().optional(), label: z.string().optional() })),
});

/**
 * Each node's name as people read it in a run's workflow snapshot, as the editor names it (`nodeLabels`: its label,
 * else its type's title, numbered when several share it, else its id); empty when the snapshot has no nodes.
 */
export function snapshotLabels(workflow: unknown, titleOf: TitleOf = () => undefined): Map<string, string> {
  const parsed = SnapshotNodes.safeParse(workflow);
  const nodes = parsed.success ? parsed.data.nodes : [];
  return nodeLabels(
    nodes.map((node) => ({ id: node.id, type: node.type ?? '', label: node.label })),
    titleOf,
  );
}
