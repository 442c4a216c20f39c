import { useEffect } from 'react';
import { useEditorSession } from './editor-context.ts';

/**
 * Validates the opened workflow once its canvas is on screen (`shown`: React Flow has measured its nodes, or there are
 * none): the frame after, so a big workflow's nodes are drawn before the quarter of a second its validation takes.
 * Until then the problem counts say they are checking (`ui.problemsChecked`); the badges appear with the problems.
 */
export function useCheckProblemsWhenShown(shown: boolean): void {
  const { store } = useEditorSession();
  useEffect(() => {
    if (!shown || store.getState().ui.problemsChecked) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // The next frame paints what React Flow rendered for its measured nodes; the check runs in the task after it.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => store.getState().actions.checkProblems(), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [shown, store]);
}
