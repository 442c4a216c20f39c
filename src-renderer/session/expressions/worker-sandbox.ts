import type { Sandbox } from '../../../src-shared/services/sandbox.ts';

/** How long a preview may run in its worker before it is stopped. */
export const PREVIEW_TIMEOUT_MS = 1_000;

/**
 * A `Sandbox` for previews: each evaluation runs in a fresh Web Worker, terminated when it answers, when the caller
 * aborts, or after `PREVIEW_TIMEOUT_MS`, so a runaway regex or recursion never holds up the editor.
 */
export function createWorkerSandbox(): Sandbox {
  return {
    evaluate({ expression, data, bindings }, signal) {
      return new Promise((resolve, reject) => {
        let worker: Worker;
        try {
          worker = new Worker(new URL('./preview-worker.ts', import.meta.url), { type: 'module' });
        } catch {
          reject(new Error('this expression cannot be previewed here (it needs a worker, which this window cannot start)'));
          return;
        }
        const done = (settle: () => void) => {
          clearTimeout(timer);
          signal.removeEventListener('abort', onAbort);
          worker.terminate();
          settle();
        };
        const onAbort = () => done(() => reject(signal.reason as Error));
        const timer = setTimeout(
          () => done(() => reject(new Error(`the preview took longer than ${PREVIEW_TIMEOUT_MS / 1000} s and was stopped`))),
          PREVIEW_TIMEOUT_MS,
        );
        signal.addEventListener('abort', onAbort);
        worker.onmessage = (event: MessageEvent<{ ok: true; value: unknown } | { ok: false; message: string }>) => {
          const answer = event.data;
          done(() => (answer.ok ? resolve(answer.value) : reject(new Error(answer.message))));
        };
        worker.onerror = () => done(() => reject(new Error('the preview worker failed')));
        // Bindings that are functions ($secret) stay here: the worker binds its own placeholder.
        const plain = Object.fromEntries(Object.entries(bindings).filter(([, value]) => typeof value !== 'function'));
        worker.postMessage({ expression, data, bindings: plain });
      });
    },
    checkInputs: () => Promise.reject(new Error('previews check no run inputs')),
    checkSchema: () => Promise.reject(new Error('previews check no schemas')),
  };
}
