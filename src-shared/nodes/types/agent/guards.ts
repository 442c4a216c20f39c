import { OperonError } from '../../../errors/operon-error.ts';

export interface AgentLimits {
  maxIterations: number;
  maxTokens?: number | undefined;
  maxCostUsd?: number | undefined;
}

export interface AgentUsage {
  /** Model calls the agent made. */
  iterations: number;
  /** Tokens the node used, over every run of it (before and after approvals). */
  tokens: number;
  costUsd: number;
}

/**
 * Refuses the next model call when the agent has reached one of its limits (OPR-125). Checked before each
 * call, so a call may pass maxTokens or maxCostUsd by what it uses itself; the next one is not made.
 */
export function checkGuards(nodeId: string, limits: AgentLimits, used: AgentUsage): void {
  const calls = `${used.iterations} model call${used.iterations === 1 ? '' : 's'}`;
  const stop = (guard: string, limit: number, figures: string): never => {
    throw new OperonError('OPR-125', `agent "${nodeId}" reached ${guard} (${limit}): ${figures}`, {
      details: { guard, limit, iterations: used.iterations, tokens: used.tokens, costUsd: used.costUsd },
    });
  };
  if (used.iterations >= limits.maxIterations) stop('maxIterations', limits.maxIterations, `it made ${calls} without a final answer`);
  if (limits.maxTokens !== undefined && used.tokens >= limits.maxTokens)
    stop('maxTokens', limits.maxTokens, `${used.tokens} tokens used in ${calls}`);
  if (limits.maxCostUsd !== undefined && used.costUsd >= limits.maxCostUsd)
    stop('maxCostUsd', limits.maxCostUsd, `$${used.costUsd.toFixed(6)} spent in ${calls}`);
}
