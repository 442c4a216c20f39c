import type { ServerResponse } from 'node:http';
import { ERROR_CATALOGUE, type ErrorCode } from '../../../src-shared/errors/catalogue.ts';
import type { RunResult } from '../../../src-shared/engine/api.ts';
import type { FireResult, StartedRun } from '../../host/triggers/trigger-source.ts';
import { RUN_ID_HEADER, sendError, sendJson, sendJsonText } from './json-reply.ts';
import type { WebhookConfig } from './route-table.ts';

/** What a reply needs besides the firing: how the hook answers, and how to keep secrets out of what it sends. */
export interface ReplyContext {
  config: WebhookConfig;
  redact: (text: string) => Promise<string>;
}

/**
 * Answers a firing the dispatcher took. `immediately`: 202 `{ runId, firingId }` once the run started, or
 * `{ firingId, queued: true }`. `whenDone`: waits up to `responseTimeoutMs` for the run's result: 200 with the named
 * Output's value (or every output by name), 500 with the error of a failed or cancelled run, 202 when it is still going.
 * Outcomes that started no run are answered by {@link replyRefusedFiring}.
 */
export async function replyToFiring(response: ServerResponse, fired: FireResult, context: ReplyContext): Promise<void> {
  const firingId = fired.firing.id;
  const { config } = context;
  if (fired.run === undefined) return replyRefusedFiring(response, fired);
  if (config.respond === 'immediately') {
    if (fired.firing.outcome === 'queued') return sendJson(response, 202, { firingId, queued: true });
    const { runId } = await fired.run;
    return sendJson(response, 202, { runId, firingId }, { [RUN_ID_HEADER]: runId });
  }
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), config.responseTimeoutMs)));
  try {
    const started = await Promise.race([fired.run, timedOut]);
    if (started === 'timeout') return sendJson(response, 202, { firingId, queued: true });
    const result = await Promise.race([started.result, timedOut]);
    if (result === 'timeout') return sendJson(response, 202, { runId: started.runId, firingId, running: true }, runHeader(started));
    await replyWithResult(response, started, result, context);
  } finally {
    clearTimeout(timer);
  }
}

function runHeader(run: StartedRun): Record<string, string> {
  return { [RUN_ID_HEADER]: run.runId };
}

async function replyWithResult(response: ServerResponse, run: StartedRun, result: RunResult, context: ReplyContext): Promise<void> {
  const headers = runHeader(run);
  if (result.status === 'waiting')
    return sendJson(response, 202, { runId: run.runId, waiting: result.pending.map((pending) => pending.nodeId) }, headers);
  if (result.status !== 'succeeded') {
    const code = result.error?.code ?? 'OPR-104';
    const message = await context.redact(result.error?.message ?? `the run ended ${result.status}`);
    return sendError(response, 500, code, message, headers);
  }
  const name = context.config.responseOutput;
  if (name !== '' && !Object.hasOwn(result.outputs, name))
    return sendError(
      response,
      500,
      'OPR-248',
      `the run finished without an Output named "${name}" (the webhook's responseOutput); it has ${describeNames(Object.keys(result.outputs))}`,
      headers,
    );
  const value = name === '' ? result.outputs : result.outputs[name];
  sendJsonText(response, 200, await context.redact(JSON.stringify(value ?? null)), headers);
}

function describeNames(names: string[]): string {
  if (names.length === 0) return 'no outputs';
  return `${names.length === 1 ? 'one output' : `${names.length} outputs`}: ${names.map((name) => `"${name}"`).join(', ')}`;
}

/** A firing that started no run: skipped or refused (429), or failed to start (500 with its code). */
export function replyRefusedFiring(response: ServerResponse, fired: FireResult): void {
  const { firing } = fired;
  const reason = firing.reason ?? `the firing was ${firing.outcome}`;
  if (firing.outcome === 'failed') return sendError(response, 500, errorCode(firing.code), reason);
  sendError(response, 429, 'OPR-249', reason, { 'retry-after': '1' });
}

function errorCode(code: string | undefined): ErrorCode {
  return code !== undefined && Object.hasOwn(ERROR_CATALOGUE, code) ? (code as ErrorCode) : 'OPR-249';
}
