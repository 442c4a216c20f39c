import './timeline.css';
import { useCallback, useMemo } from 'react';
import { selectInspectedNodeId } from '../../editor/store/index.ts';
import { VIEWER_IDS } from '../../test-ids.ts';
import { useEditor, useEditorSession } from '../../session/editor-context.ts';
import { formatDuration, formatOffset } from '../../kit/run-labels.ts';
import { ShownRunBanner } from '../../kit/shown-run-banner.tsx';
import { useShownRunInfo } from '../../session/shown-run/use-shown-run-info.ts';
import { VirtualRows } from '../../kit/virtual-rows.tsx';
import { axisTicks, percentAt, timeScale } from './time-scale.ts';
import { TimelineRow } from './timeline-row.tsx';
import { useTimeline } from '../../session/timeline/use-timeline.ts';
import { useDockStore } from '../../session/workspace-context.ts';
import { useNodeLabeler } from '../../session/node-labels.ts';
import { plural } from '../../kit/plural.ts';

/** Every row is this high (px): fixed, so only the rows in view are rendered. */
export const TIMELINE_ROW_HEIGHT = 22;

/** The run on the canvas as a Gantt chart: what ran in parallel, retries, pauses and waits. Click a row to select its node. */
export function TimelinePanel() {
  const runId = useEditor((s) => s.run.runId);
  const shownRun = useShownRunInfo();
  return (
    <section className="panel timeline-panel" data-testid={VIEWER_IDS.timelinePanel}>
      <ShownRunBanner run={shownRun} />
      {runId === null ? (
        <p className="muted">No run on the canvas: run the workflow, or open a run from History.</p>
      ) : (
        <RunTimelineView key={runId} runId={runId} />
      )}
    </section>
  );
}

function RunTimelineView({ runId }: { runId: string }) {
  const showSide = useDockStore((s) => s.showSide);
  const { store } = useEditorSession();
  const status = useEditor((s) => s.run.status);
  const selected = useEditor(selectInspectedNodeId);
  const labelOf = useNodeLabeler();
  const { timeline, fetchedAt, error } = useTimeline(runId);
  const goingOn = status === 'queued' || status === 'running' || status === 'waiting';
  const scale = useMemo(
    () =>
      timeline === undefined ? undefined : timeScale(timeline.startedAt, goingOn ? Math.max(timeline.lastAt, fetchedAt) : timeline.lastAt),
    [timeline, fetchedAt, goingOn],
  );
  const rows = timeline?.rows;
  const selectedIndex = useMemo(
    () => (rows === undefined || selected === undefined ? -1 : rows.findIndex((r) => r.nodeId === selected)),
    [rows, selected],
  );

  const onSelect = useCallback(
    (nodeId: string) => {
      store.getState().actions.select({ nodeIds: [nodeId] });
      showSide('trace');
    },
    [store, showSide],
  );

  if (error !== undefined && timeline === undefined) return <p className="error">Could not load the timeline: {error}</p>;
  if (timeline === undefined || scale === undefined || rows === undefined) return <p className="muted">Loading…</p>;
  // Labels near the right end would be cut off.
  const ticks = axisTicks(scale.end - scale.start, 6).filter((tick) => percentAt(scale, scale.start + tick) <= 92);
  return (
    <div className="timeline">
      <p className="timeline-head">
        <span>
          {plural(rows.length, 'node')} · {formatDuration(scale.end - scale.start)}
          {goingOn && ' so far'}
        </span>
        <span className="timeline-legend">
          <span className="timeline-bar bar-queued" /> queued <span className="timeline-bar bar-attempt" /> attempt{' '}
          <span className="timeline-bar bar-failed-attempt" /> failed attempt <span className="timeline-bar bar-pause" /> debug pause{' '}
          <span className="timeline-bar bar-wait" /> waiting for approval
        </span>
      </p>
      {timeline.warnings.map((warning) => (
        <p key={warning} className="muted">
          {warning}
        </p>
      ))}
      <VirtualRows
        count={rows.length}
        rowHeight={TIMELINE_ROW_HEIGHT}
        showIndex={selectedIndex}
        className="timeline-rows"
        header={
          <div className="timeline-axis">
            <span className="timeline-label" />
            <span className="timeline-track">
              {ticks.map((tick) => (
                <span key={tick} className="timeline-tick" style={{ left: `${percentAt(scale, scale.start + tick)}%` }}>
                  {formatOffset(tick)}
                </span>
              ))}
            </span>
          </div>
        }
        testId={VIEWER_IDS.timelineScroller}
        renderRow={(index) => {
          const row = rows[index];
          return row === undefined ? null : (
            <TimelineRow row={row} label={labelOf(row.nodeId)} scale={scale} selected={index === selectedIndex} onSelect={onSelect} />
          );
        }}
      />
    </div>
  );
}
