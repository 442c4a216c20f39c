import { z } from 'zod';
import { OperonError } from '../../../errors/operon-error.ts';
import { ToolApprovalSchema, type ApprovalRequest, type Decision } from '../../decision.ts';

const ToolCallSchema = z.object({ id: z.string(), name: z.string(), arguments: z.string() });

const MessageSchema = z.discriminatedUnion('role', [
  z.object({ role: z.literal('system'), content: z.string() }),
  z.object({ role: z.literal('user'), content: z.string() }),
  z.object({ role: z.literal('assistant'), content: z.string().nullable(), toolCalls: z.array(ToolCallSchema).optional() }),
  z.object({ role: z.literal('tool'), toolCallId: z.string(), content: z.string() }),
]);

/** One tool call as the trace output shows it. */
export const TraceToolCallSchema = z.object({
  toolCallId: z.string(),
  tool: z.string(),
  /** The arguments the tool ran with (a person's edit, if any); the model's text when it was not JSON. */
  arguments: z.unknown(),
  result: z.unknown().optional(),
  error: z.string().optional(),
  approval: ToolApprovalSchema.optional(),
});
export type TraceToolCall = z.output<typeof TraceToolCallSchema>;

/**
 * The agent's state, kept in the approval request it waits on and read back (from the run log, in another
 * process) when it runs again after the decision. Plain JSON.
 */
export const AgentStateSchema = z.object({
  version: z.literal(1),
  /** The transcript so far: system, user, then assistant turns and tool results. */
  messages: z.array(MessageSchema),
  /** Tool calls of the last assistant turn not answered yet, in order; the first is the one waiting for approval. */
  pending: z.array(ToolCallSchema),
  /** Model calls made. */
  iterations: z.int().nonnegative(),
  /** What the node had spent at the pause: shown to the person deciding (the guards use the engine's own count). */
  spent: z.object({ calls: z.number(), tokens: z.number(), costUsd: z.number() }),
  /** Token totals of the answers (cache hits not counted), for the trace. */
  usage: z.object({ promptTokens: z.number(), completionTokens: z.number(), totalTokens: z.number() }),
  /** Answers whose model had no price, so their cost is not in `spent.costUsd`. */
  unpricedCalls: z.int().nonnegative(),
  toolCalls: z.array(TraceToolCallSchema),
});
export type AgentState = z.output<typeof AgentStateSchema>;

export const AGENT_APPROVAL_KIND = 'agent-tool-approval';

/** The `data` of the approval request an agent waits on: the proposed call, and everything it needs to go on. */
export const AgentApprovalDataSchema = z.object({
  kind: z.literal(AGENT_APPROVAL_KIND),
  tool: z.string(),
  /** The proposed arguments; a person may approve with edited ones (the decision's `value`). */
  arguments: z.unknown(),
  toolCallId: z.string(),
  state: AgentStateSchema,
});
export type AgentApprovalData = z.output<typeof AgentApprovalDataSchema>;

export function initialState(messages: AgentState['messages']): AgentState {
  return {
    version: 1,
    messages,
    pending: [],
    iterations: 0,
    spent: { calls: 0, tokens: 0, costUsd: 0 },
    usage: { promptTokens: 0, completionTokens: 0, totalTokens: 0 },
    unpricedCalls: 0,
    toolCalls: [],
  };
}

/** The state to go on from after a decision, or undefined when the node did not wait on an agent tool call. */
export function readResume(
  nodeId: string,
  waitedOn: ApprovalRequest | undefined,
  decision: Decision | undefined,
): { state: AgentState; decision: Decision } | undefined {
  if (decision === undefined || waitedOn === undefined) return undefined;
  const data = waitedOn.data as { kind?: unknown } | undefined;
  if (data?.kind !== AGENT_APPROVAL_KIND) return undefined;
  const parsed = AgentApprovalDataSchema.safeParse(data);
  const damaged = (reason: string): never => {
    throw new OperonError('OPR-154', `agent "${nodeId}": the state saved with its approval request cannot be read: ${reason}`);
  };
  if (!parsed.success) return damaged(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
  const { state, toolCallId } = parsed.data;
  if (state.pending[0]?.id !== toolCallId) damaged(`the call "${toolCallId}" is not the next pending tool call`);
  return { state, decision };
}
