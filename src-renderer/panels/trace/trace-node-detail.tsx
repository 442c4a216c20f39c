import { Maximize2 } from 'lucide-react';
import { useState } from 'react';
import { selectNodeData } from '../../editor/store/index.ts';
import { NodeDetailDialog } from '../../kit/node-detail/node-detail-dialog.tsx';
import { useEditor } from '../../session/editor-context.ts';
import type { NodeTrace } from '../../session/trace/node-trace.ts';
import { ROOM_IDS } from '../../test-ids.ts';

/** The trace's "Open large" button and the node-detail view it opens: this node's inputs, config and outputs in the run. */
export function TraceNodeDetail({
  runId,
  nodeId,
  title,
  trace,
}: {
  runId: string;
  nodeId: string;
  title: string;
  trace: NodeTrace | undefined;
}) {
  const [open, setOpen] = useState(false);
  const config = useEditor((s) => selectNodeData(nodeId)(s)?.config);
  return (
    <>
      <button
        type="button"
        className="small icon-text"
        data-testid={ROOM_IDS.traceDetailOpen}
        title="Open inputs, config and outputs side by side, at full size"
        disabled={trace === undefined}
        onClick={() => setOpen(true)}
      >
        <Maximize2 size={12} aria-hidden="true" /> Open large
      </button>
      {open && trace !== undefined && (
        <NodeDetailDialog
          title={title}
          subtitle={`Run ${runId}${trace.row === undefined ? '' : ` · ${trace.row.status}`}`}
          runs={[{ runId, inputs: trace.inputs, outputs: trace.outputs }]}
          config={config}
          configNote="As the workflow is now in the editor."
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}
