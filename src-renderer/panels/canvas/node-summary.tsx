import { memo, useMemo } from 'react';
import { summarize, type SummaryLine } from '../../../src-shared/nodes/summary.ts';
import { nodeSummaryId } from '../../test-ids.ts';

/** A node's key settings under its title, as its type declares them (`summary`): "Model gpt-4o-mini", the prompt's first line. */
export const NodeSummary = memo(function NodeSummary({
  nodeId,
  lines,
  config,
}: {
  nodeId: string;
  lines: readonly SummaryLine[] | undefined;
  config: Readonly<Record<string, unknown>>;
}) {
  const shown = useMemo(() => summarize(lines, config), [lines, config]);
  if (shown.length === 0) return null;
  return (
    <dl className="operon-node-summary" data-testid={nodeSummaryId(nodeId)}>
      {shown.map((line, i) => (
        <div key={i} className="summary-line" title={line.label === undefined ? line.text : `${line.label}: ${line.text}`}>
          {line.label !== undefined && <dt>{line.label}</dt>}
          <dd className={line.code ? 'code' : undefined}>{line.text}</dd>
        </div>
      ))}
    </dl>
  );
});
