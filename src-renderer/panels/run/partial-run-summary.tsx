import { DEBUG_IDS } from '../../test-ids.ts';
import { useRunSession } from '../../session/editor-context.ts';
import { useNodeLabeler } from '../../session/node-labels.ts';

/** What the last run from / to a node took from the past run, and what ran again anyway (and why). */
export function PartialRunSummary() {
  const partial = useRunSession((s) => s.partial);
  const labelOf = useNodeLabeler();
  if (partial === undefined) return null;
  return (
    <div className="partial-run" data-testid={DEBUG_IDS.partialRun}>
      <p>
        Partial run{partial.fromRunId === undefined ? '' : ` reusing run ${partial.fromRunId}`}. <span className="muted">Reused:</span>{' '}
        <span data-testid={DEBUG_IDS.reusedNodes}>{partial.reused.length === 0 ? 'none' : partial.reused.map(labelOf).join(', ')}</span>
      </p>
      {partial.rerun.length > 0 && (
        <ul className="rerun-list" data-testid={DEBUG_IDS.rerunNodes}>
          {partial.rerun.map((node) => (
            <li key={node.nodeId}>
              <strong title={node.nodeId}>{labelOf(node.nodeId)}</strong> runs again: {node.reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
