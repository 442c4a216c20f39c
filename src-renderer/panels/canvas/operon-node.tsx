import type { NodeProps } from '@xyflow/react';
import { memo, useMemo } from 'react';
import type { PortDef } from '../../../src-shared/nodes/ports.ts';
import type { EditorNode } from '../../editor/graph-conversion.ts';
import { portsOfNode } from '../../editor/node-ports.ts';
import { selectNodeRun, selectNodeStatus } from '../../editor/store/index.ts';
import { breakpointMarkerId, nodeStatusId, pinMarkerId, rfNodeId } from '../../test-ids.ts';
import { statusTitle } from './node-status-title.ts';
import { PortHandle } from './port-handle.tsx';

import { NodeSettingMarks } from './node-setting-marks.tsx';
import { useHasBreakpoint } from '../../session/debug/use-breakpoints.ts';
import { useEditor, useEditorSession, useRunSession } from '../../session/editor-context.ts';
import '../../styles/debug.css';

/**
 * Every Operon node on the canvas: title, icon name, ports with their types, run status, a problem outline, and the
 * debugger's marks (breakpoint, pinned output, inputs overridden at a pause).
 */
function OperonNodeView({ id, data, selected }: NodeProps<EditorNode>) {
  const { catalogue, portsFor, workflowId } = useEditorSession();
  const entry = catalogue.get(data.type);
  const ports = useMemo(() => portsOfNode(data, portsFor), [data, portsFor]);
  const status = useEditor(selectNodeStatus(id));
  const hasProblems = useEditor((s) => s.ui.problems.some((problem) => problem.nodeId === id));
  const nodeRun = useEditor(selectNodeRun(id));
  const breakpoint = useHasBreakpoint(workflowId, id);
  const pinned = useRunSession((s) => s.pins[id] !== undefined);

  const classes = ['operon-node'];
  if (selected) classes.push('selected');
  if (hasProblems) classes.push('has-problems');
  if (data.settings?.disabled === true) classes.push('disabled');
  if (status === 'paused') classes.push('paused');

  return (
    <div className={classes.join(' ')} data-testid={rfNodeId(id)} title={data.notes}>
      <div className="operon-node-header">
        {breakpoint && (
          <span className="breakpoint-marker" data-testid={breakpointMarkerId(id)} title="Breakpoint (F9)" aria-label="Breakpoint" />
        )}
        <span className="operon-node-title">{data.label ?? entry?.title ?? data.type}</span>
        {pinned && (
          <span className="pin-marker" data-testid={pinMarkerId(id)} title="Output pinned: editor runs use it instead of running the node">
            pinned
          </span>
        )}
        {nodeRun?.overridden === true && (
          <span className="override-marker" title="A person edited its inputs while the run was paused">
            edited
          </span>
        )}
        {status !== 'pending' && (
          <span className={`status-badge status-${status}`} data-testid={nodeStatusId(id)} title={statusTitle(status, nodeRun)}>
            {status}
          </span>
        )}
      </div>
      <div className="operon-node-sub">
        <span className="icon-name">{entry?.icon ?? '?'}</span>
        <span className="operon-node-id">{id}</span>
        <NodeSettingMarks id={id} settings={data.settings} />
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
      <PortHandle port={port} def={def} side={side} />
      <span className="port-name">{port}</span>
      <span className="port-type">{def.type}</span>
    </div>
  );
}

export const OperonNode = memo(OperonNodeView);
