import { TriangleAlert } from 'lucide-react';
import { useStoreApi } from '@xyflow/react';
import { useId, useRef } from 'react';
import { PROBLEM_LINE_BREAK } from '../../editor/node-problems.ts';
import { plural } from '../../kit/plural.ts';
import { nodeProblemBadgeId, nodeProblemTipId } from '../../test-ids.ts';
import './node-problem-badge.css';

/**
 * A node's problem count, focusable, with its problems in a tooltip on hover or keyboard focus. The tooltip is the
 * badge's description (aria-describedby), so a screen reader reads the problems with it. `text` is the node's
 * problems, one a line (session/node-problems.ts).
 */
export function NodeProblemBadge({ nodeId, text }: { nodeId: string; text: string }) {
  const tipId = useId();
  const tip = useRef<HTMLSpanElement>(null);
  const flow = useStoreApi();
  const lines = text.split(PROBLEM_LINE_BREAK);
  // Read at full size however far the canvas is zoomed out: the zoom is read as the tooltip opens (no subscription).
  const unzoom = () => tip.current?.style.setProperty('--tip-scale', String(Math.max(1, 1 / (flow.getState().transform[2] || 1))));
  return (
    <span className="node-problems" onPointerEnter={unzoom} onFocus={unzoom}>
      <button
        type="button"
        className="node-problem-badge"
        data-testid={nodeProblemBadgeId(nodeId)}
        aria-label={plural(lines.length, 'problem')}
        aria-describedby={tipId}
      >
        <TriangleAlert size={11} aria-hidden />
        {lines.length}
      </button>
      <span ref={tip} role="tooltip" id={tipId} className="node-problem-tip" data-testid={nodeProblemTipId(nodeId)}>
        <strong>{plural(lines.length, 'problem')}</strong>
        <ul>
          {lines.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      </span>
    </span>
  );
}
