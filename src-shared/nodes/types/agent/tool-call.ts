import { toErrorInfo } from '../../../errors/operon-error.ts';
import type { ToolCall } from '../../../llm/types.ts';
import type { SchemaError } from '../../../services/sandbox.ts';
import type { Decision } from '../../decision.ts';
import type { NodeContext, ToolRecord } from '../../define-node-type.ts';
import { checkArguments, readArguments } from './arguments.ts';
import type { TraceToolCall } from './state.ts';
import { runTool, type AgentTool } from './tools.ts';

type ToolCallContext = Pick<NodeContext<unknown, unknown>, 'recordTool' | 'log' | 'clock' | 'signal' | 'checkSchema'> &
  Parameters<typeof runTool>[0];

/** How a tool call was answered: the tool message for the model and the trace entry; or it needs a person first. */
export type ToolCallOutcome =
  | { kind: 'answered'; message: { role: 'tool'; toolCallId: string; content: string }; trace: TraceToolCall }
  | { kind: 'needs-approval'; tool: AgentTool; args: Record<string, unknown> };

/**
 * Answers one tool call of the model: finds the tool, reads and checks the arguments, asks for approval when
 * the tool requires it (a `decision` is the answer to that), runs it. Whatever goes wrong goes back to the
 * model as `{ "error": ... }`; only cancellation is thrown. Every answered call is logged with `recordTool`.
 */
export async function answerToolCall(
  ctx: ToolCallContext,
  tools: readonly AgentTool[],
  call: ToolCall,
  decision: Decision | undefined,
): Promise<ToolCallOutcome> {
  const answer = (record: Omit<ToolRecord, 'toolCallId' | 'tool'>): ToolCallOutcome => {
    const full: ToolRecord = { toolCallId: call.id, tool: call.name, ...record };
    ctx.recordTool(full);
    const { durationMs: _durationMs, ...trace } = full;
    const content = full.error === undefined ? toolContent(full.result) : JSON.stringify({ error: full.error });
    return { kind: 'answered', message: { role: 'tool', toolCallId: call.id, content }, trace };
  };

  const tool = tools.find((candidate) => candidate.name === call.name);
  if (tool === undefined) {
    const known = tools.map((candidate) => candidate.name).join(', ');
    return answer({ arguments: call.arguments, error: `unknown tool "${call.name}"; the tools are: ${known || 'none'}`, durationMs: 0 });
  }
  const check = (schema: Record<string, unknown>, value: unknown): Promise<SchemaError[]> =>
    ctx.checkSchema(schema, value, `the arguments of tool "${tool.name}"`);
  const proposed = await readArguments(call.arguments, tool.parameters, check);
  if (!proposed.ok) return answer({ arguments: proposed.value, error: `invalid arguments: ${proposed.reason}`, durationMs: 0 });

  let args = proposed.args;
  let approval: ToolRecord['approval'];
  if (tool.requiresApproval) {
    if (decision === undefined) return { kind: 'needs-approval', tool, args };
    approval = { decision: decision.decision, by: decision.by, ...(decision.comment === undefined ? {} : { comment: decision.comment }) };
    if (decision.decision === 'rejected') {
      return answer({
        arguments: args,
        result: { rejected: true, by: decision.by, comment: decision.comment ?? null },
        durationMs: 0,
        approval,
      });
    }
    if (decision.value !== undefined) {
      const edited = await checkArguments(decision.value, tool.parameters, check);
      if (!edited.ok)
        return answer({
          arguments: edited.value,
          error: `invalid arguments (as edited by ${decision.by}): ${edited.reason}`,
          durationMs: 0,
          approval,
        });
      args = edited.args;
    }
  }

  const started = ctx.clock.now();
  try {
    const result = await runTool(ctx, tool, args);
    return answer({
      arguments: args,
      result: result ?? null,
      durationMs: ctx.clock.now() - started,
      ...(approval === undefined ? {} : { approval }),
    });
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    const info = toErrorInfo(error, 'OPR-126');
    // OPR-126: the error goes back to the model, which may try something else; the node does not fail.
    ctx.log('warn', `OPR-126 tool "${tool.name}" failed: ${info.message}`, {
      code: 'OPR-126',
      tool: tool.name,
      toolCallId: call.id,
      cause: info.code,
    });
    return answer({
      arguments: args,
      error: info.message,
      durationMs: ctx.clock.now() - started,
      ...(approval === undefined ? {} : { approval }),
    });
  }
}

/** A tool result as the model reads it: text as it is, anything else as JSON. */
function toolContent(result: unknown): string {
  return typeof result === 'string' ? result : JSON.stringify(result);
}
