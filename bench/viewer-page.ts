import { nodeStatusId, rfNodeId, timelineRowId, VIEWER_IDS } from '../src-renderer/test-ids.ts';

/** What the bench runs inside the page (source text: the bench's tsconfig has no DOM types), before the app loads. */
export const PAGE_SCRIPT = String.raw`(() => {
  const q = (selector) => document.querySelector(selector);
  const all = (selector) => [...document.querySelectorAll(selector)];
  const scroller = () => q('[data-testid="${VIEWER_IDS.timelineScroller}"]');
  const rows = (el) => el?.querySelectorAll('[data-testid^="${timelineRowId('')}"]').length ?? 0;
  const bench = { t0: null };
  document.addEventListener('pointerdown', () => { bench.t0 = performance.now(); }, { capture: true });
  bench.runShown = (runId) => {
    if (!q('[data-testid="${VIEWER_IDS.shownRun}"]')?.textContent.includes(runId)) return false;
    const nodes = all('[data-testid^="${rfNodeId('')}"]').length;
    const badges = all('[data-testid^="${nodeStatusId('')}"]');
    return nodes > 0 && badges.length === nodes && badges.every((badge) => badge.textContent === 'succeeded');
  };
  bench.rowsInDom = () => rows(scroller());
  bench.rowShown = (nodeId) => scroller()?.querySelector('[data-testid="${timelineRowId('')}' + nodeId + '"]') != null;
  bench.scrollerInfo = () => {
    const el = scroller();
    return { rows: Number(el.getAttribute('data-rows')), range: el.scrollHeight - el.clientHeight };
  };
  // The row drawn across the middle of the scroller (a windowing bug leaves it blank).
  bench.rowAtMiddle = () => {
    const box = scroller().getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return hit?.closest('[data-testid^="${timelineRowId('')}"]')?.getAttribute('data-testid') ?? null;
  };
  bench.scrollToEnd = () => { const el = scroller(); el.scrollTop = el.scrollHeight; };
  bench.traceShown = (nodeId, output) => {
    const panel = q('[data-testid="${VIEWER_IDS.tracePanel}"]');
    const value = panel?.querySelector('[data-testid="${VIEWER_IDS.traceOutputs}"] [data-testid="${VIEWER_IDS.valueText}"]');
    return !!panel?.querySelector('h2')?.textContent.endsWith('· ' + nodeId) && value?.textContent.trim() === output &&
      panel.querySelector('[data-testid="${VIEWER_IDS.traceStatus}"]')?.textContent === 'succeeded';
  };
  // Every animation frame: its time, the scroller's scrollTop and how many rows it holds (the scroller found once:
  // an attribute selector over the whole page costs a millisecond or more a frame with a big canvas).
  bench.startFrames = () => {
    const rec = { frames: [], stop: false };
    bench.rec = rec;
    const el = scroller();
    const tick = (t) => {
      rec.frames.push([t, el.scrollTop, rows(el)]);
      if (!rec.stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  };
  bench.stopFrames = () => { bench.rec.stop = true; return bench.rec.frames; };
  window.__viewerBench = bench;
})()`;
