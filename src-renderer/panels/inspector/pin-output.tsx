import { useMemo, useState } from 'react';
import { parseJson } from '../../editor/forms/index.ts';
import { portsOfNode } from '../../editor/node-ports.ts';
import { selectNodeData, selectNodeStatus } from '../../editor/store/index.ts';
import { DEBUG_IDS } from '../../test-ids.ts';
import { useEditor, useEditorSession, useRunSession } from '../../session/editor-context.ts';
import { JsonField } from '../../kit/json-field.tsx';

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
    return JSON.stringify(Object.fromEntries(Object.keys(outputs ?? { out: null }).map((port) => [port, null])), null, 2);
  }, [data, portsFor]);
  const [text, setText] = useState<string | undefined>(undefined);
  const [failed, setFailed] = useState<string | undefined>(undefined);
  const actions = run.getState().actions;
  const typed = text ?? template;
  const check = parseJson(typed);
  const typedError = !check.ok
    ? check.message
    : typeof check.value === 'object' && check.value !== null && !Array.isArray(check.value)
      ? undefined
      : 'outputs are a JSON object, by port';

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
      <div className="field">
        <JsonField
          id="pin-json"
          label="Or type its outputs (JSON, by port)"
          testId={DEBUG_IDS.pinJson}
          value={typed}
          error={typedError}
          onChange={setText}
        />
      </div>
      <button
        type="button"
        data-testid={DEBUG_IDS.pinTyped}
        disabled={typedError !== undefined}
        onClick={() => check.ok && void done(actions.pin(nodeId, { outputs: check.value as Record<string, unknown> }))}
      >
        Pin these outputs
      </button>
      {failed !== undefined && <p className="field-error">{failed}</p>}
    </div>
  );
}
