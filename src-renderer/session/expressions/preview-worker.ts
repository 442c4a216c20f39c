/// <reference lib="webworker" />
import { describeJsonataError } from '../../../src-shared/expressions/jsonata.ts';
import { createInProcessSandbox } from '../../../src-shared/expressions/in-process-sandbox.ts';
import { secretPlaceholder } from '../../editor/expressions/preview.ts';

/**
 * Evaluates one preview expression off the UI thread (regexes, functions it defines, ranges): the page terminates
 * this worker when it takes too long. Functions cannot cross into a worker, so `$secret` is bound again here.
 */
const sandbox = createInProcessSandbox();
const never = new AbortController().signal;

self.onmessage = async (event: MessageEvent<{ expression: string; data: unknown; bindings: Record<string, unknown> }>) => {
  const { expression, data, bindings } = event.data;
  try {
    const value = await sandbox.evaluate({ expression, data, bindings: { ...bindings, secret: secretPlaceholder } }, never);
    self.postMessage({ ok: true, value });
  } catch (error) {
    self.postMessage({ ok: false, message: describeJsonataError(error) });
  }
};
