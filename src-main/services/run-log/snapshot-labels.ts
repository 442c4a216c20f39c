import { z } from 'zod';
import { nodeDisplayName } from '../../../src-shared/workflow/node-display-name.ts';

const SnapshotNodes = z.object({ nodes: z.array(z.object({ id: z.string(), label: z.string().optional() })) });

/** Each node's name as people read it (its label, else its id) in a run's workflow snapshot; empty when it has none. */
export function snapshotLabels(workflow: unknown): Map<string, string> {
  const parsed = SnapshotNodes.safeParse(workflow);
  return new Map((parsed.success ? parsed.data.nodes : []).map((node) => [node.id, nodeDisplayName(node)]));
}
