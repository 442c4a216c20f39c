import { Handle, Position } from '@xyflow/react';
import { memo, useMemo } from 'react';
import type { PortDef } from '../../../src-shared/nodes/ports.ts';
import { canConnectReplacing } from '../../editor/store/edge-replace.ts';
import { useEditorSession } from '../../session/editor-context.ts';
import { portPlusId } from '../../test-ids.ts';
import { useOpenPickerForPort } from './open-picker-context.ts';
import { useWireStart } from './node-view-context.tsx';
import './canvas-ergonomics.css';

interface PortRowProps {
  nodeId: string;
  port: string;
  def: PortDef;
  side: 'in' | 'out';
  /** A big graph zoomed out: the port's name only, no type and no "+". */
  compact: boolean;
}

/**
 * A port of a node: its handle, name and type. While a wire is drawn, a port it could connect to is highlighted and
 * the others are dimmed (a class on the row, so no `:has()` rule restyles the canvas on every change). An output also
 * has a "+" that opens the node picker to add a node connected to it.
 */
export const PortRow = memo(function PortRow({ nodeId, port, def, side, compact }: PortRowProps) {
  const { store, portsFor } = useEditorSession();
  const openPicker = useOpenPickerForPort();
  const start = useWireStart();
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

  const handleClasses = [def.required ? 'required' : '', fit ?? ''].filter((name) => name !== '').join(' ');
  return (
    <div className={fit === undefined ? `port-row ${side}` : `port-row ${side} ${fit}`} title={def.description}>
      <Handle
        type={type}
        position={side === 'in' ? Position.Left : Position.Right}
        id={port}
        className={handleClasses === '' ? undefined : handleClasses}
      />
      <span className="port-name">{port}</span>
      {!compact && <span className="port-type">{def.type}</span>}
      {side === 'out' && !compact && openPicker !== null && (
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
    </div>
  );
});
