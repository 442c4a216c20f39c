import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo, useMemo } from 'react';
import type { PortDef } from '../../src-shared/nodes/ports.ts';
import type { EditorNode } from '../editor/graph-conversion.ts';
import { portsOfNode } from '../editor/node-ports.ts';
import { selectNodeStatus } from '../editor/store/index.ts';
import { nodeStatusId, rfNodeId } from '../test-ids.ts';
import { useEditor, useEditorSession } from './editor-context.ts';

/** Every Operon node on the canvas: title, icon name, ports with their types, run status and a problem outline. */
function OperonNodeView({ id, data, selected }: NodeProps<EditorNode>) {
  const { catalogue, portsFor } = useEditorSession();
  const entry = catalogue.get(data.type);
  const ports = useMemo(() => portsOfNode(data, portsFor), [data, portsFor]);
  const status = useEditor(selectNodeStatus(id));
  const hasProblems = useEditor((s) => s.ui.problems.some((problem) => problem.nodeId === id));

  const classes = ['operon-node'];
  if (selected) classes.push('selected');
  if (hasProblems) classes.push('has-problems');
  if (data.settings?.disabled === true) classes.push('disabled');

  return (
    <div className={classes.join(' ')} data-testid={rfNodeId(id)} title={data.notes}>
      <div className="operon-node-header">
        <span className="operon-node-title">{data.label ?? entry?.title ?? data.type}</span>
        {status !== 'pending' && (
          <span className={`status-badge status-${status}`} data-testid={nodeStatusId(id)}>
            {status}
          </span>
        )}
      </div>
      <div className="operon-node-sub">
        <span className="icon-name">{entry?.icon ?? '?'}</span>
        <span className="operon-node-id">{id}</span>
      </div>
      <div className="operon-node-ports">
        <div className="port-column">
          {Object.entries(ports?.inputs ?? {}).map(([port, def]) => (
            <PortRow key={port} port={port} def={def} side="in" />
          ))}
        </div>
        <div className="port-column out">
          {Object.entries(ports?.outputs ?? {}).map(([port, def]) => (
            <PortRow key={port} port={port} def={def} side="out" />
          ))}
        </div>
      </div>
    </div>
  );
}

function PortRow({ port, def, side }: { port: string; def: PortDef; side: 'in' | 'out' }) {
  return (
    <div className={`port-row ${side}`} title={def.description}>
      <Handle
        type={side === 'in' ? 'target' : 'source'}
        position={side === 'in' ? Position.Left : Position.Right}
        id={port}
        className={def.required ? 'required' : undefined}
      />
      <span className="port-name">{port}</span>
      <span className="port-type">{def.type}</span>
    </div>
  );
}

export const OperonNode = memo(OperonNodeView);
