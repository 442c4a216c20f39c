import type { ReactNode } from 'react';
import type { NodeStatus } from '../../../src-shared/engine/events.ts';
import { selectNodeData } from '../../editor/store/index.ts';
import { NodeDetailDialog, type NodeDetailRun } from '../../kit/node-detail/node-detail-dialog.tsx';
import { useEditor, useEditorSession } from '../../session/editor-context.ts';
import { useNodeTrace, type NodeTraceState } from '../../session/trace/use-node-trace.ts';

/** The node-detail view of a compared node: each column shows run A's value above run B's. */
export function CompareNodeDetail({ a, b, nodeId, onClose }: { a: string; b: string; nodeId: string; onClose: () => void }) {
  const { catalogue } = useEditorSession();
  const data = useEditor(selectNodeData(nodeId));
  const traceA = useNodeTrace(a, nodeId);
  const traceB = useNodeTrace(b, nodeId);
  const title = data?.label ?? (data === undefined ? undefined : catalogue.get(data.type)?.title) ?? nodeId;
  return (
    <NodeDetailDialog
      title={title}
      subtitle={`Run A ${a} · run B ${b}`}
      runs={[side('A', a, traceA), side('B', b, traceB)]}
      config={data?.config}
      configNote="As the workflow is now in the editor."
      onClose={onClose}
    />
  );
}

function side(label: string, runId: string, state: NodeTraceState): NodeDetailRun {
  const { trace, events, loading, error } = state;
  const ran = trace !== undefined && events.length > 0;
  const status: NodeStatus | undefined = trace?.row?.status;
  let note: ReactNode;
  if (error !== undefined) note = <span className="error">{error}</span>;
  else if (trace === undefined) note = loading ? 'Loading…' : undefined;
  else if (!ran) note = 'Not reached in this run.';
  else if (trace.failure !== undefined)
    note = <span className="error">{`${trace.failure.error.code}: ${trace.failure.error.message}`}</span>;
  return { label, runId, status, note, inputs: ran ? trace.inputs : undefined, outputs: ran ? trace.outputs : undefined };
}
