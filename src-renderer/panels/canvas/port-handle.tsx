import { Handle, Position, useConnection, useNodeId, type ConnectionState, type InternalNode } from '@xyflow/react';
import { useMemo } from 'react';
import type { PortDef } from '../../../src-shared/nodes/ports.ts';
import { canConnectReplacing } from '../../editor/store/edge-replace.ts';
import { useEditorSession } from '../../session/editor-context.ts';
import { portPlusId } from '../../test-ids.ts';
import { useOpenPickerForPort } from './open-picker-context.ts';
import './canvas-ergonomics.css';

/** Where a wire being drawn starts: `<node>\n<port>\n<source|target>`, or '' when none is (cheap to compare). */
const wireStart = (connection: ConnectionState<InternalNode>): string =>
  connection.inProgress ? `${connection.fromHandle.nodeId}\n${connection.fromHandle.id ?? ''}\n${connection.fromHandle.type}` : '';

/**
 * A port's handle. While a wire is drawn, a handle it could connect to is highlighted and the others are dimmed.
 * An output also has a "+" that opens the node picker to add a node connected to it.
 */
export function PortHandle({ port, def, side }: { port: string; def: PortDef; side: 'in' | 'out' }) {
  const nodeId = useNodeId() ?? '';
  const { store, portsFor } = useEditorSession();
  const openPicker = useOpenPickerForPort();
  const start = useConnection(wireStart);
  const type = side === 'in' ? 'target' : 'source';

  const fit = useMemo(() => {
    if (start === '') return undefined;
    const [fromNode = '', fromPort = '', fromType = ''] = start.split('\n');
    if (fromNode === nodeId && fromPort === port && fromType === type) return undefined;
    if (fromType === type) return 'wire-misfit';
    const connection =
      type === 'target'
        ? { source: fromNode, sourceHandle: fromPort, target: nodeId, targetHandle: port }
        : { source: nodeId, sourceHandle: port, target: fromNode, targetHandle: fromPort };
    return canConnectReplacing(store.getState().graph, connection, portsFor).ok ? 'wire-fits' : 'wire-misfit';
  }, [start, nodeId, port, type, store, portsFor]);

  const classes = [def.required ? 'required' : '', fit ?? ''].filter((name) => name !== '').join(' ');
  return (
    <>
      <Handle
        type={type}
        position={side === 'in' ? Position.Left : Position.Right}
        id={port}
        className={classes === '' ? undefined : classes}
      />
      {side === 'out' && openPicker !== null && (
        <button
          type="button"
          className="port-plus nodrag nopan"
          data-testid={portPlusId(nodeId, port)}
          aria-label={`Add a node after ${port}`}
          title="Add a node connected to this output"
          onClick={(event) => {
            event.stopPropagation();
            const box = event.currentTarget.getBoundingClientRect();
            openPicker({ nodeId, port, side: 'source' }, { x: box.right + 8, y: box.top - 12 });
          }}
        >
          +
        </button>
      )}
    </>
  );
}
