import { memo } from 'react';
import { shownStatus } from '../../editor/shown-status.ts';
import type { TimelineRow as Row } from '../../../src-shared/run-log/timeline-schema.ts';
import { timelineRowId, VIEWER_IDS } from '../../test-ids.ts';
import { formatDuration, formatOffset } from '../../kit/run-labels.ts';
import { rowBars, type Bar, type TimeScale } from './time-scale.ts';

const BAR_LABEL: Record<Bar['kind'], string> = {
  queued: 'queued',
  attempt: 'attempt',
  'failed-attempt': 'failed attempt',
  pause: 'debug pause',
  wait: 'waiting for approval',
};

/** One node's row: its label and status, then its bars on the run's time scale. Click to select the node. */
export const TimelineRow = memo(function TimelineRow({
  row,
  label,
  scale,
  selected,
  onSelect,
}: {
  row: Row;
  /** The node's label (its id is in the tooltip). */
  label: string;
  scale: TimeScale;
  selected: boolean;
  onSelect: (nodeId: string) => void;
}) {
  const status = shownStatus(row.status, row.decision);
  return (
    <button
      type="button"
      className={selected ? 'timeline-row selected' : 'timeline-row'}
      data-testid={timelineRowId(row.nodeId)}
      data-status={status}
      aria-pressed={selected}
      title={`${label} (${row.nodeId}): ${row.skippedReason === undefined ? status : `skipped (${row.skippedReason})`}`}
      onClick={() => onSelect(row.nodeId)}
    >
      <span className="timeline-label">
        <span className={`timeline-dot status-${status}`} />
        <span className="timeline-name">{label}</span>
      </span>
      <span className="timeline-track">
        {rowBars(row, scale).map((bar, i) => (
          <span
            key={i}
            className={`timeline-bar bar-${bar.kind}${bar.open ? ' open' : ''}`}
            style={{ left: `${bar.left}%`, width: `max(2px, ${bar.width}%)` }}
            data-testid={VIEWER_IDS.timelineBar}
            data-kind={bar.kind}
            data-attempt={bar.attempt}
            data-from={bar.from}
            data-to={bar.to}
            title={barTitle(bar)}
          />
        ))}
      </span>
    </button>
  );
});

function barTitle(bar: Bar): string {
  const what = bar.attempt === undefined ? BAR_LABEL[bar.kind] : `${BAR_LABEL[bar.kind]} #${bar.attempt}`;
  const when = `${formatOffset(bar.from)}, ${formatDuration(bar.to - bar.from)}${bar.open ? ' so far' : ''}`;
  return `${what}: ${when}${bar.error === undefined ? '' : `\n${bar.error}`}`;
}
