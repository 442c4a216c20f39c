/**
 * What the editor bench runs inside the page. Kept as source text (the bench's tsconfig has no DOM types), installed
 * once per page as `window.__editorBench`.
 */
export const PAGE_SCRIPT = String.raw`(() => {
  if (window.__editorBench) return;
  const bench = {};
  // Time to first render: from the pointerdown on the workflow list item to the first frame with the final node count.
  bench.watchRender = () => {
    const state = { t0: null, changes: [], stop: false };
    bench.render = state;
    document.addEventListener('pointerdown', () => { if (state.t0 === null) state.t0 = performance.now(); }, { capture: true });
    let last = -1;
    const tick = (t) => {
      const count = document.querySelectorAll('.react-flow__node').length;
      if (count !== last) { state.changes.push([t, count]); last = count; }
      if (!state.stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  };
  bench.renderResult = () => { bench.render.stop = true; return { t0: bench.render.t0, changes: bench.render.changes }; };
  bench.nodeCount = () => document.querySelectorAll('.react-flow__node').length;
  // Frame recording: every requestAnimationFrame, and whether the watched element's transform moved since the last one.
  bench.startFrames = (selector) => {
    const rec = { frames: [], stop: false };
    bench.frames = rec;
    let previous = null;
    const tick = (t) => {
      const el = document.querySelector(selector);
      const transform = el ? el.style.transform : '';
      rec.frames.push([t, previous !== null && transform !== previous ? 1 : 0]);
      previous = transform;
      if (!rec.stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  };
  bench.stopFrames = () => { bench.frames.stop = true; return bench.frames.frames; };
  // A point on the empty pane (a pan starts there), searched on a grid from the pane's middle outwards.
  bench.panePoint = () => {
    const box = document.querySelector('.react-flow__pane').getBoundingClientRect();
    const cx = box.left + box.width / 2, cy = box.top + box.height / 2;
    const points = [];
    for (let dx = -box.width / 2 + 20; dx < box.width / 2 - 20; dx += 10)
      for (let dy = -box.height / 2 + 20; dy < box.height / 2 - 20; dy += 10) points.push([cx + dx, cy + dy]);
    points.sort((a, b) => Math.hypot(a[0] - cx, a[1] - cy) - Math.hypot(b[0] - cx, b[1] - cy));
    for (const [x, y] of points) {
      const el = document.elementFromPoint(x, y);
      if (el && el.classList.contains('react-flow__pane')) return { x, y, pane: { x: box.left, y: box.top, width: box.width, height: box.height } };
    }
    return null;
  };
  // A grab point on the body of the visible node nearest the pane's middle (not on a handle or a nodrag control).
  bench.nodePoint = () => {
    const box = document.querySelector('.react-flow__pane').getBoundingClientRect();
    const cx = box.left + box.width / 2, cy = box.top + box.height / 2;
    const nodes = [...document.querySelectorAll('.react-flow__node')].map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.width > 0 && r.left > box.left && r.right < box.right && r.top > box.top && r.bottom < box.bottom)
      .sort((a, b) => Math.hypot(a.r.left + a.r.width / 2 - cx, a.r.top + a.r.height / 2 - cy) - Math.hypot(b.r.left + b.r.width / 2 - cx, b.r.top + b.r.height / 2 - cy));
    for (const { el, r } of nodes) {
      for (const [fx, fy] of [[0.5, 0.5], [0.3, 0.5], [0.5, 0.3], [0.7, 0.5], [0.5, 0.7]]) {
        const x = r.left + r.width * fx, y = r.top + r.height * fy;
        const hit = document.elementFromPoint(x, y);
        if (hit && hit.closest('.react-flow__node') === el && !hit.closest('.react-flow__handle') && !hit.closest('.nodrag'))
          return { id: el.getAttribute('data-id'), x, y };
      }
    }
    return null;
  };
  window.__editorBench = bench;
})()`;
