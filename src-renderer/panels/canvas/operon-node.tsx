import type { NodeProps } from '@xyflow/react';
import { memo, useMemo } from 'react';
import type { EditorNode } from '../../editor/graph-conversion.ts';
import { portsOfNode } from '../../editor/node-ports.ts';
import { selectNodeRun, selectNodeStatus } from '../../editor/store/index.ts';
import { breakpointMarkerId, nodeTitleId, pinMarkerId, rfNodeId } from '../../test-ids.ts';
import { NodeIcon } from '../../kit/node-icon.tsx';
import { categoryTone } from '../../kit/category-tone.ts';
import { useNodeLabel } from '../../session/node-labels.ts';
import { NodeSummary } from './node-summary.tsx';
import { NodeRunLine, NodeStatusDot } from './node-status-dot.tsx';
import './canvas.css';
import { PortRow } from './port-row.tsx';
import { useCompactNodes } from './node-view-context.tsx';
import { NodeSettingMarks } from './node-setting-marks.tsx';
import { NodeProblemBadge } from './node-problem-badge.tsx';
import { useNodeProblemText } from '../../session/node-problems.ts';
import { useHasBreakpoint } from '../../session/debug/use-breakpoints.ts';
import { useEditor, useEditorSession, useRunSession } from '../../session/editor-context.ts';
import '../../styles/debug.css';

/**
 * Every Operon node on the canvas: its icon and label in its category's colour, its key settings, ports with their
 * types, run status (a dot and the border; status and duration under it), its problems (an outline, and a badge whose
 * tooltip lists them), and the debugger's marks (breakpoint, pinned output, inputs overridden at a pause). A big graph
 * zoomed out shows its nodes compact, which keeps panning it smooth: what cannot be read there (the icon's drawing,
 * key settings, setting marks, port types, the run line) is left out; the tile keeps the category's colour and the
 * status stays on the dot and the border.
 */
function OperonNodeView({ id, data, selected }: NodeProps<EditorNode>) {
  const { catalogue, portsFor, workflowId } = useEditorSession();
  const entry = catalogue.get(data.type);
  const ports = useMemo(() => portsOfNode(data, portsFor), [data, portsFor]);
  const status = useEditor(selectNodeStatus(id));
  const problemText = useNodeProblemText(id);
  const nodeRun = useEditor(selectNodeRun(id));
  const breakpoint = useHasBreakpoint(workflowId, id);
  const pinned = useRunSession((s) => s.pins[id] !== undefined);
  const label = useNodeLabel(id);
  const compact = useCompactNodes();
  const typeTitle = entry?.title ?? data.type;

  const classes = ['operon-node', `tone-${categoryTone(entry?.category)}`];
  if (compact) classes.push('compact');
  if (selected) classes.push('selected');
  if (problemText !== '') classes.push('has-problems');
  if (data.settings?.disabled === true) classes.push('disabled');
  if (status === 'paused') classes.push('paused');

  return (
    <div className={classes.join(' ')} data-testid={rfNodeId(id)} data-status={status} title={data.notes}>
      <div className="operon-node-header">
        {breakpoint && (
          <span className="breakpoint-marker" data-testid={breakpointMarkerId(id)} title="Breakpoint (F9)" aria-label="Breakpoint" />
        )}
        <span className="node-icon-tile" title={typeTitle}>
          {!compact && <NodeIcon name={entry?.icon} size={15} />}
        </span>
        <span className="operon-node-heading">
          <span className="operon-node-title" data-testid={nodeTitleId(id)} title={`${label} (${id})`}>
            {label}
          </span>
          {!compact && label !== typeTitle && <span className="operon-node-kind">{typeTitle}</span>}
        </span>
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
        {problemText !== '' && <NodeProblemBadge nodeId={id} text={problemText} />}
        {status !== 'pending' && <NodeStatusDot nodeId={id} status={status} run={nodeRun} />}
      </div>
      {!compact && <NodeSummary nodeId={id} lines={entry?.summary} config={data.config} />}
      {!compact && data.settings !== undefined && <NodeSettingMarks id={id} settings={data.settings} />}
      <div className="operon-node-ports">
        <div className="port-column">
          {Object.entries(ports?.inputs ?? {}).map(([port, def]) => (
            <PortRow key={port} nodeId={id} port={port} def={def} side="in" compact={compact} />
          ))}
        </div>
        <div className="port-column out">
          {Object.entries(ports?.outputs ?? {}).map(([port, def]) => (
            <PortRow key={port} nodeId={id} port={port} def={def} side="out" compact={compact} />
          ))}
        </div>
      </div>
      {!compact && status !== 'pending' && <NodeRunLine nodeId={id} status={status} run={nodeRun} />}
    </div>
  );
}

export const OperonNode = memo(OperonNodeView);
