import path from 'node:path';
import type { RunHandle } from '../../src-shared/engine/api.ts';
import type { Host } from '../host/host.ts';
import { exitCodeFor } from './exit-codes.ts';
import { printRunJson, printRunResult } from './print-result.ts';
import type { ProgressView } from './progress-view.ts';

/**
 * Waits for a run, cancelling it cleanly on Ctrl-C or SIGTERM (a second Ctrl-C while logs flush is
 * ignored: the logs matter more), then prints the result and returns the exit code.
 */
export async function runUntilDone(
  host: Host,
  start: (signal: AbortSignal) => Promise<RunHandle>,
  view: ProgressView | undefined,
  json: boolean,
  /** More fields for the `--json` object (a partial run's reused and re-run nodes). */
  extra?: Record<string, unknown>,
): Promise<number> {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    if (controller.signal.aborted) return;
    process.stderr.write(`\n${signal === 'SIGINT' ? 'Ctrl-C' : signal}: cancelling the run; finished nodes and logs are kept…\n`);
    controller.abort(`cancelled by ${signal}`);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const handle = await start(controller.signal);
    const result = await handle.result;
    view?.stop();
    await host.close();
    const logDir = path.join(host.paths.runs, result.runId);
    const redact = (text: string): string => host.redact(text);
    if (json) printRunJson(result, logDir, redact, extra);
    else printRunResult(result, logDir, redact);
    return exitCodeFor(result.status);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
