import { useMemo, useState } from 'react';
import { portsOfNode } from '../../editor/node-ports.ts';
import { selectNodeData, selectNodeStatus } from '../../editor/store/index.ts';
import { DEBUG_IDS } from '../../test-ids.ts';
import { useEditor, useEditorSession, useRunSession } from '../../session/editor-context.ts';
import { ValueField } from '../../kit/value-field.tsx';

/** Statuses of a node whose outputs the run on the canvas has. */
const HAS_OUTPUTS = new Set(['succeeded', 'rejected', 'cached', 'reused']);

/** A node's pinned output (design runs use it instead of running the node): pin from the run on the canvas or typed JSON; unpin. */
export function PinOutput({ nodeId }: { nodeId: string }) {
  const { run, portsFor } = useEditorSession();
  const pin = useRunSession((s) => s.pins[nodeId]);
  const canvasRunId = useEditor((s) => s.run.runId);
  const status = useEditor(selectNodeStatus(nodeId));
  const data = useEditor(selectNodeData(nodeId));
  const template = useMemo(() => {
    const outputs = data === undefined ? undefined : portsOfNode(data, portsFor)?.outputs;
    return Object.fromEntries(Object.keys(outputs ?? { out: null }).map((port) => [port, null]));
  }, [data, portsFor]);
  const [edited, setEdited] = useState<Record<string, unknown> | undefined>(undefined);
  const [jsonProblem, setJsonProblem] = useState<string | undefined>(undefined);
  const [failed, setFailed] = useState<string | undefined>(undefined);
  const actions = run.getState().actions;
  const outputs = edited ?? template;

  const done = async (worked: Promise<boolean>) => {
    const ok = await worked;
    setFailed(ok ? undefined : run.getState().error);
  };

  if (pin !== undefined) {
    return (
      <div className="pin-output">
        <h3>Pinned output</h3>
        <p className="field-help">
          {pin.fromRunId === undefined ? 'Typed in' : `From run ${pin.fromRunId}`}; editor runs use it instead of running the node.
        </p>
        <pre data-testid={DEBUG_IDS.pinnedOutputs}>{JSON.stringify(pin.outputs, null, 2)}</pre>
        <button type="button" data-testid={DEBUG_IDS.unpin} onClick={() => void done(actions.unpin(nodeId))}>
          Unpin
        </button>
        {failed !== undefined && <p className="field-error">{failed}</p>}
      </div>
    );
  }
  const fromRun = canvasRunId !== null && HAS_OUTPUTS.has(status) ? canvasRunId : undefined;
  return (
    <div className="pin-output">
      <h3>Pin output</h3>
      <p className="field-help">Editor runs skip a pinned node and pass the pinned outputs on.</p>
      <button
        type="button"
        data-testid={DEBUG_IDS.pinFromRun}
        disabled={fromRun === undefined}
        title={fromRun === undefined ? 'The run on the canvas has no outputs of this node' : `Pin its outputs in run ${fromRun}`}
        onClick={() => fromRun !== undefined && void done(actions.pin(nodeId, { fromRunId: fromRun }))}
      >
        Pin from the run on the canvas
      </button>
      <ValueField
        label="Or give its outputs, by port"
        name="Pinned outputs"
        testId={DEBUG_IDS.pinJson}
        value={outputs}
        onChange={(value) => setEdited(value as Record<string, unknown>)}
        check={outputsProblem}
        onProblem={setJsonProblem}
      />
      <button
        type="button"
        data-testid={DEBUG_IDS.pinTyped}
        disabled={jsonProblem !== undefined || outputsProblem(outputs) !== undefined}
        onClick={() => void done(actions.pin(nodeId, { outputs }))}
      >
        Pin these outputs
      </button>
      {failed !== undefined && <p className="field-error">{failed}</p>}
    </div>
  );
}

function outputsProblem(value: unknown): string | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? undefined : 'outputs are a JSON object, by port';
}
