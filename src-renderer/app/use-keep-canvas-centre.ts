import { useReactFlow } from '@xyflow/react';
import { useEffect, useRef } from 'react';

/**
 * When the canvas's box changes size (a dock resized, collapsed or opened by a run starting, the window resized), pans
 * by half the change so what was in the middle stays there: nodes do not slide under a dock that opened or the MiniMap.
 */
export function useKeepCanvasCentre() {
  const flow = useReactFlow();
  const element = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    const box = element.current;
    if (box === null) return;
    let last: { width: number; height: number } | undefined;
    const observer = new ResizeObserver(([entry]) => {
      if (entry === undefined) return;
      const { width, height } = entry.contentRect;
      const before = last;
      last = { width, height };
      if (before === undefined || width === 0 || height === 0 || before.width === 0 || before.height === 0) return;
      const dx = (width - before.width) / 2;
      const dy = (height - before.height) / 2;
      if (dx === 0 && dy === 0) return;
      const { x, y, zoom } = flow.getViewport();
      void flow.setViewport({ x: x + dx, y: y + dy, zoom });
    });
    observer.observe(box);
    return () => observer.disconnect();
  }, [flow]);
  return element;
}
