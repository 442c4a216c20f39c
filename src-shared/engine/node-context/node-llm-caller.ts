import { OperonError, toErrorInfo } from '../../errors/operon-error.ts';
import type { LlmCallOptions, LlmResult, LlmSpend, NodeLlm } from '../../llm/node-llm.ts';
import { costOf, type ChatRequest, type ChatResponse } from '../../llm/types.ts';
import { retryDelay, MAX_RETRY_DELAY_MS } from '../backoff.ts';
import { canonicalJson } from '../canonical-json.ts';
import type { RunScope } from '../run-scope.ts';
import { answerLeak } from '../secret-guard.ts';
import { createPartialStream } from './partial-stream.ts';

const DEFAULT_RETRIES = 2;
const BASE_RETRY_DELAY_MS = 1_000;

/**
 * Builds `ctx.llm` for one node attempt. A call checks the run and workspace budgets before anything is sent,
 * looks in the response cache (and joins an identical call already in flight), then tries the model with
 * retries for retryable errors (waiting as long as Retry-After asks), then each fallback model. Every call
 * and cache hit is a `node.llm` event with the request, the answer or error, tokens, cost and latency.
 * The provider's key (the transport names it before it sends) joins the secrets the run knows: an answer, or a
 * streamed part of one, that holds it or a secret the run resolved fails the node with OPR-190 before it is handed
 * on, cached or streamed, and the call's log shows it as `[secret:NAME]`.
 */
export function createNodeLlm(scope: RunScope, nodeId: string, signal: AbortSignal): NodeLlm {
  const use = scope.nodeLlmUse(nodeId);
  const logCall = (call: Omit<Parameters<typeof scope.recordLlm>[0], 'nodeId'>): void => scope.recordLlm({ nodeId, ...call });

  const send = async (request: ChatRequest, callId: string, options: LlmCallOptions): Promise<LlmResult> => {
    const models = [request.model, ...(options.fallbackModels ?? [])];
    const retries = options.retries ?? DEFAULT_RETRIES;
    let lastError: unknown;
    for (const model of models) {
      const attemptRequest = { ...request, model };
      for (let attempt = 1; attempt <= retries + 1; attempt++) {
        await checkBudget(scope, attemptRequest);
        const started = scope.services.clock.now();
        const partials = options.streamPort === undefined ? undefined : createPartialStream(scope, nodeId, options.streamPort);
        let keyName: string | undefined;
        let logged = false;
        const onKey = (name: string, value: string): void => {
          keyName = name;
          scope.secretGuard.remember(name, value);
        };
        const log = (outcome: { response: ChatResponse; costUsd: number | null } | { error: ReturnType<typeof toErrorInfo> }): void =>
          logCall({
            callId,
            provider: request.provider,
            model,
            attempt,
            request: requestLog(attemptRequest),
            ...('error' in outcome
              ? { error: outcome.error, usage: null, costUsd: null }
              : { response: { ...outcome.response }, usage: outcome.response.usage, costUsd: outcome.costUsd }),
            latencyMs: scope.services.clock.now() - started,
            cached: false,
          });
        try {
          const response = await scope.services.llm.chat(attemptRequest, {
            signal,
            onKey,
            ...(partials === undefined ? {} : { onDelta: (text: string) => partials.push(text) }),
          });
          const leaked = scope.secretGuard.find(response.message);
          if (leaked === undefined) partials?.flush();
          else partials?.discard();
          const costUsd = costOf(scope.services.prices, response.model, response.usage);
          log({ response: leaked === undefined ? response : scope.secretGuard.redact(response), costUsd });
          logged = true;
          const usedTokens = response.usage?.totalTokens ?? 0;
          if ((costUsd !== null && costUsd > 0) || usedTokens > 0) await scope.services.spend.record(costUsd ?? 0, usedTokens);
          if (leaked !== undefined) throw answerLeak(nodeId, leaked, leaked === keyName);
          return { ...response, callId, costUsd, cached: false };
        } catch (error) {
          partials?.discard();
          if (signal.aborted) throw error;
          const info = toErrorInfo(error, 'OPR-121');
          if (isSecretLeak(error)) {
            if (!logged) log({ error: info });
            throw error;
          }
          log({ error: info });
          lastError = error;
          // A refusal that is not retryable (bad request, bad key) would fail the same way on the next model,
          // except "no such model" (404), which is what a fallback is for.
          if (info.retryable !== true) {
            if (info.details?.status === 404) break;
            throw finalError(info, error);
          }
          if (attempt <= retries) {
            const retryAfter = typeof info.details?.retryAfterMs === 'number' ? info.details.retryAfterMs : undefined;
            await scope.services.clock.sleep(
              Math.min(MAX_RETRY_DELAY_MS, retryAfter ?? retryDelay(attempt, BASE_RETRY_DELAY_MS, scope.services.random)),
              signal,
            );
          }
        }
      }
    }
    throw finalError(toErrorInfo(lastError, 'OPR-121'), lastError);
  };

  return {
    spent: (): LlmSpend => ({ calls: use.calls, tokens: use.tokens, costUsd: use.costUsd }),
    async chat(request, options = {}) {
      // A model provider is sent its key, never a secret in its messages: they are logged, cached and shown.
      scope.secretGuard.check(nodeId, { messages: request.messages, tools: request.tools }, 'its model request');
      const callId = `${nodeId}#${++use.callIds}`;
      // The node asks for the cache, or the whole run does (`operon run --cache`, settings.cache).
      const useCache = options.cache === true || scope.request.cache === true || scope.workflow.settings.cache;
      if (!useCache) return send(request, callId, options);
      const key = await scope.services.sha256(canonicalJson({ kind: 'llm-response', request }));
      const hit = await scope.services.cache.get(key);
      if (hit !== undefined) {
        const response = hit.outputs.response as ChatResponse;
        logCall({
          callId,
          provider: request.provider,
          model: request.model,
          attempt: 1,
          request: requestLog(request),
          response: { ...response, cachedFrom: { runId: hit.runId, nodeId: hit.nodeId } },
          usage: response.usage,
          costUsd: 0,
          latencyMs: 0,
          cached: true,
        });
        return { ...response, callId, costUsd: 0, cached: true };
      }
      const inflight = scope.llmInflight.get(key);
      if (inflight !== undefined) {
        const response = await inflight;
        logCall({
          callId,
          provider: request.provider,
          model: request.model,
          attempt: 1,
          request: requestLog(request),
          response: { ...response, sharedInFlight: true },
          usage: response.usage,
          costUsd: 0,
          latencyMs: 0,
          cached: true,
        });
        return { ...response, callId, costUsd: 0, cached: true };
      }
      const pending = send(request, callId, options);
      scope.llmInflight.set(key, pending);
      try {
        const result = await pending;
        const { callId: _id, costUsd: _cost, cached: _cached, ...response } = result;
        await scope.services.cache.set(key, { outputs: { response }, runId: scope.runId, nodeId, createdAt: scope.services.clock.now() });
        return result;
      } finally {
        scope.llmInflight.delete(key);
      }
    },
  };
}

/**
 * The error a node sees once the call has given up: not retryable, since the retries and fallbacks are spent
 * (a node retry would multiply them).
 */
function finalError(info: ReturnType<typeof toErrorInfo>, cause: unknown): OperonError {
  return new OperonError(info.code, info.message, {
    retryable: false,
    ...(info.details === undefined ? {} : { details: info.details }),
    cause,
  });
}

/** The request as logged: everything but the provider and model, which the event carries itself. */
function requestLog(request: ChatRequest): Record<string, unknown> {
  const { provider: _provider, model: _model, ...rest } = request;
  // A copy: the caller keeps adding to its transcript after the call, and the log must show what was sent.
  return structuredClone(rest);
}

/**
 * Refuses a call that would pass the run's budget (the workflow's settings.budgets, capped by the workspace policy's
 * budgets.perRun: OPR-123), the workspace budget (settings.json: OPR-123) or the policy's budget for the day
 * (budgets.perDay: OPR-265), before it is sent.
 */
async function checkBudget(scope: RunScope, request: ChatRequest): Promise<void> {
  const own = scope.workflow.settings.budgets;
  const policy = scope.services.policy?.budgets;
  const maxTokens = lower(own?.maxTokens, policy?.perRun.maxTokens);
  const maxCostUsd = lower(own?.maxCostUsd, policy?.perRun.maxCostUsd);
  const perDay = policy?.perDay ?? {};
  const limit = scope.services.spend.budgetUsd();
  if (
    maxCostUsd === undefined &&
    maxTokens === undefined &&
    limit === undefined &&
    perDay.maxCostUsd === undefined &&
    perDay.maxTokens === undefined
  )
    return;
  const promptTokens = Math.ceil(canonicalJson({ messages: request.messages, tools: request.tools }).length / 4);
  const completionTokens = request.maxTokens ?? 0;
  const estimateTokens = promptTokens + completionTokens;
  const estimateUsd = costOf(scope.services.prices, request.model, { promptTokens, completionTokens, totalTokens: estimateTokens }) ?? 0;
  const totals = scope.llmTotals;
  const refuse = (what: string, code: 'OPR-123' | 'OPR-265' = 'OPR-123'): never => {
    throw new OperonError(code, `${what}; the call to ${request.model} was not sent`, {
      details: { estimateUsd, promptTokens, completionTokens },
    });
  };
  const whose = (own: number | undefined, capped: number | undefined): string =>
    capped !== undefined && (own === undefined || capped < own) ? "the workspace policy's run budget" : "the run's budget";
  if (maxTokens !== undefined && totals.tokens.totalTokens + estimateTokens > maxTokens) {
    refuse(
      `${whose(own?.maxTokens, policy?.perRun.maxTokens)} of ${maxTokens} tokens would be passed (${totals.tokens.totalTokens} used, about ${estimateTokens} more)`,
    );
  }
  if (maxCostUsd !== undefined && totals.costUsd + estimateUsd > maxCostUsd) {
    refuse(
      `${whose(own?.maxCostUsd, policy?.perRun.maxCostUsd)} of $${maxCostUsd} would be passed ($${totals.costUsd.toFixed(4)} spent, about $${estimateUsd.toFixed(4)} more)`,
    );
  }
  if (limit !== undefined) {
    const spentUsd = await scope.services.spend.spentUsd();
    if (spentUsd + estimateUsd > limit)
      refuse(`the workspace budget of $${limit} would be passed ($${spentUsd.toFixed(4)} spent, about $${estimateUsd.toFixed(4)} more)`);
  }
  if (perDay.maxCostUsd !== undefined || perDay.maxTokens !== undefined) {
    const today = await scope.services.spend.spentToday();
    if (perDay.maxTokens !== undefined && today.tokens + estimateTokens > perDay.maxTokens)
      refuse(
        `the workspace's daily budget of ${perDay.maxTokens} tokens (policy budgets.perDay.maxTokens) would be passed (${today.tokens} used today, about ${estimateTokens} more)`,
        'OPR-265',
      );
    if (perDay.maxCostUsd !== undefined && today.usd + estimateUsd > perDay.maxCostUsd)
      refuse(
        `the workspace's daily budget of $${perDay.maxCostUsd} (policy budgets.perDay.maxCostUsd) would be passed ($${today.usd.toFixed(4)} spent today, about $${estimateUsd.toFixed(4)} more)`,
        'OPR-265',
      );
  }
}

/** The lower of two optional limits. */
function lower(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.min(a, b);
}

/** OPR-190 from the answer or its stream: not the provider's failure, and never tried again. */
function isSecretLeak(error: unknown): boolean {
  return error instanceof OperonError && error.code === 'OPR-190';
}
