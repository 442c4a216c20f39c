import type { LlmResult, LlmSpend } from '../../../llm/node-llm.ts';
import type { ChatRequest } from '../../../llm/types.ts';
import type { ApprovalRequest } from '../../decision.ts';
import type { NodeContext } from '../../define-node-type.ts';
import { toText } from '../values.ts';
import type { AgentConfig } from './config.ts';
import { checkGuards } from './guards.ts';
import { AGENT_APPROVAL_KIND, initialState, readResume, type AgentApprovalData, type AgentState, type TraceToolCall } from './state.ts';
import { answerToolCall } from './tool-call.ts';
import { toolSpecs, type AgentTool } from './tools.ts';

export type AgentContext = NodeContext<AgentConfig, { in: unknown }>;

/** The agent's `trace` output: how it got to its answer. */
export interface AgentTrace {
  iterations: number;
  toolCalls: TraceToolCall[];
  usage: AgentState['usage'];
  costUsd: number;
  unpricedCalls: number;
}

/**
 * The agent loop: ask the model; answer each tool call it makes, in order; ask again; until it answers
 * without tool calls. A tool that requires approval pauses the run with the whole state in the request;
 * after the decision the node runs again and goes on from that state, without asking the model again for
 * turns it already made. The guards are checked before each model call.
 */
export async function runAgentLoop(ctx: AgentContext): Promise<{ answer: string; trace: AgentTrace }> {
  const { config } = ctx;
  const resumed = readResume(ctx.node.id, ctx.waitedOn, ctx.decision);
  const state = resumed?.state ?? (await startState(ctx));
  let decision = resumed?.decision;
  if (decision !== undefined) {
    ctx.log('info', `resumed: tool call ${state.pending[0]?.name ?? '?'} was ${decision.decision} by ${decision.by}`, {
      toolCallId: state.pending[0]?.id,
      decision: decision.decision,
      by: decision.by,
      edited: decision.value !== undefined,
      ...(decision.comment === undefined ? {} : { comment: decision.comment }),
    });
  }
  // The engine counts the node's spend over the whole run (attempts and resumes), rebuilt from the log.
  const spentSoFar = (): LlmSpend => ctx.llm.spent();
  const specs = toolSpecs(config.tools);

  for (;;) {
    for (let call = state.pending[0]; call !== undefined; call = state.pending[0]) {
      const outcome = await answerToolCall(ctx, config.tools, call, decision);
      decision = undefined;
      if (outcome.kind === 'needs-approval') {
        ctx.log('info', `waiting for a person to approve ${outcome.tool.name}`, { toolCallId: call.id, arguments: outcome.args });
        return ctx.waitForDecision(approvalRequest({ ...state, spent: spentSoFar() }, call.id, outcome.tool, outcome.args));
      }
      state.messages.push(outcome.message);
      state.toolCalls.push(outcome.trace);
      state.pending.shift();
    }

    const spent = spentSoFar();
    checkGuards(ctx.node.id, config, { iterations: state.iterations, tokens: spent.tokens, costUsd: spent.costUsd });
    const result = await ctx.llm.chat(chatRequest(config, state.messages, specs), {
      cache: config.cache,
      fallbackModels: config.fallbackModels,
      retries: config.retries,
    });
    state.iterations++;
    addUsage(ctx, state, result);
    const toolCalls = result.message.toolCalls ?? [];
    state.messages.push({ role: 'assistant', content: result.message.content, ...(toolCalls.length > 0 ? { toolCalls } : {}) });
    if (toolCalls.length === 0) return finish(ctx, state, result);
    state.pending = [...toolCalls];
  }
}

async function startState(ctx: AgentContext): Promise<AgentState> {
  const instructions = toText(await ctx.template(ctx.config.instructions, ctx.inputs.in, 'config.instructions'));
  const task = toText(await ctx.template(ctx.config.task, ctx.inputs.in, 'config.task'));
  return initialState([
    ...(instructions.trim() === '' ? [] : [{ role: 'system' as const, content: instructions }]),
    { role: 'user', content: task },
  ]);
}

function chatRequest(config: AgentConfig, messages: ChatRequest['messages'], tools: ChatRequest['tools']): ChatRequest {
  return {
    provider: config.provider,
    model: config.model,
    // A copy: the request is logged (and kept by the transport) as it is; the transcript grows after the call.
    messages: [...messages],
    // An empty tools list is an error for some providers: leave it out.
    ...(tools === undefined || tools.length === 0 ? {} : { tools }),
    ...(config.temperature === undefined ? {} : { temperature: config.temperature }),
  };
}

function approvalRequest(state: AgentState, toolCallId: string, tool: AgentTool, args: Record<string, unknown>): ApprovalRequest {
  const data: AgentApprovalData = { kind: AGENT_APPROVAL_KIND, tool: tool.name, arguments: args, toolCallId, state };
  // A copy: the request is logged and read back later; nothing may change it after this point.
  return { title: `Approve tool call: ${tool.name}`, message: `${tool.name}(${JSON.stringify(args)})`, data: structuredClone(data) };
}

function addUsage(ctx: AgentContext, state: AgentState, result: LlmResult): void {
  if (result.cached || result.usage === null) return;
  state.usage.promptTokens += result.usage.promptTokens;
  state.usage.completionTokens += result.usage.completionTokens;
  state.usage.totalTokens += result.usage.totalTokens;
  if (result.costUsd === null) {
    state.unpricedCalls++;
    if (ctx.config.maxCostUsd !== undefined)
      ctx.log('warn', `model ${result.model} has no price: maxCostUsd cannot count this call`, {
        model: result.model,
        callId: result.callId,
      });
  }
}

function finish(ctx: AgentContext, state: AgentState, result: LlmResult): { answer: string; trace: AgentTrace } {
  const answer = result.message.content ?? '';
  const trace: AgentTrace = {
    iterations: state.iterations,
    toolCalls: state.toolCalls,
    usage: state.usage,
    // Rounded to a billionth of a dollar: sums of float prices otherwise show noise like 0.000055499999999999994.
    costUsd: Math.round(ctx.llm.spent().costUsd * 1e9) / 1e9,
    unpricedCalls: state.unpricedCalls,
  };
  ctx.log(
    answer === '' ? 'warn' : 'info',
    answer === '' ? `the model answered with no text (${result.finishReason ?? 'no finish reason'})` : 'final answer',
    {
      answer,
      finishReason: result.finishReason,
      iterations: trace.iterations,
      toolCalls: trace.toolCalls.length,
      totalTokens: trace.usage.totalTokens,
      costUsd: trace.costUsd,
    },
  );
  return { answer, trace };
}
