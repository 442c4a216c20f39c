import { Coins } from 'lucide-react';
import { useRunSession } from '../../session/editor-context.ts';
import { ROOM_IDS } from '../../test-ids.ts';
import { runTotalsLabel } from './run-totals-label.ts';

/** The watched run's model calls, tokens and cost so far, updated as each call's event arrives. */
export function RunTotals() {
  const llm = useRunSession((s) => s.llm);
  const label = runTotalsLabel(llm);
  if (label === undefined) return null;
  return (
    <span
      className="run-totals"
      data-testid={ROOM_IDS.runTotals}
      data-tokens={llm.tokens.totalTokens}
      data-cost-usd={llm.costUsd}
      title={label.detail}
    >
      <Coins size={13} aria-hidden="true" />
      {label.text} · <strong>{label.cost}</strong>
    </span>
  );
}
