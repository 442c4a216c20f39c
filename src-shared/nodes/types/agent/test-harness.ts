/**
 * For the agent's tests only: runs a trigger → agent → outputs workflow through the real engine with
 * in-memory services and a scripted model, and resumes it the way a host does (events read back as JSON).
 */
import { createEngine } from '../../../engine/engine.ts';
import type { RunResult } from '../../../engine/api.ts';
import type { EngineEvent } from '../../../engine/events.ts';
import type { EngineServices } from '../../../engine/services.ts';
import { buildWorkflow } from '../../../engine/testing/build-workflow.ts';
import type { createScriptedTransport } from '../../../engine/testing/memory-services.ts';
import type { ChatResponse, ToolCall, Usage } from '../../../llm/types.ts';
import type { Workflow } from '../../../workflow/schema.ts';
import { builtinNodeTypes } from '../../builtin.ts';
import type { Decision } from '../../decision.ts';
import { createRegistry } from '../../registry.ts';

export const registry = createRegistry(builtinNodeTypes);

export type ScriptedTransport = ReturnType<typeof createScriptedTransport>;
/** One scripted model reply. */
export type Reply = NonNullable<Parameters<typeof createScriptedTransport>[0]>[number];

const USAGE: Usage = { promptTokens: 10, completionTokens: 5, totalTokens: 15 };

/** A model answer: text, or tool calls (arguments given as objects are written as JSON, strings as they are). */
export function reply(content: string | null, calls: [id: string, name: string, args: unknown][] = [], usage: Usage = USAGE): ChatResponse {
  const toolCalls: ToolCall[] = calls.map(([id, name, args]) => ({
    id,
    name,
    arguments: typeof args === 'string' ? args : JSON.stringify(args),
  }));
  return {
    model: 'gpt-4o-mini',
    message: { role: 'assistant', content, ...(toolCalls.length > 0 ? { toolCalls } : {}) },
    finishReason: toolCalls.length > 0 ? 'tool_calls' : 'stop',
    usage,
  };
}

/** manual trigger → agent (id `agent`) → outputs `answer` and `trace`. */
export function agentWorkflow(config: Record<string, unknown>): Workflow {
  return buildWorkflow(
    registry,
    [
      { id: 'start', type: 'core.manual-trigger' },
      { id: 'agent', type: 'core.agent', config },
      { id: 'answer', type: 'core.output', config: { name: 'answer' } },
      { id: 'trace', type: 'core.output', config: { name: 'trace' } },
    ],
    ['start.out -> agent.in', 'agent.out -> answer.in', 'agent.trace -> trace.in'],
  );
}

export interface Session {
  services: EngineServices;
  workflow: Workflow;
  /** Every event of every run so far, in order, as a host's run log has them. */
  log: EngineEvent[];
  last: RunResult | undefined;
}

export function session(services: EngineServices, workflow: Workflow): Session {
  return { services, workflow, log: [], last: undefined };
}

/** Starts the run, or, given a decision for the agent, resumes it from the events logged so far. */
export async function step(s: Session, decision?: Decision, inputs: Record<string, unknown> = {}): Promise<RunResult> {
  const engine = createEngine({ registry, services: s.services });
  // Written down and read back, as a run log on disk is: the agent's state must survive it.
  const logged = JSON.parse(JSON.stringify(s.log)) as EngineEvent[];
  const result = await engine.run({
    workflow: s.workflow,
    inputs,
    trigger: { type: 'test' },
    onEvent: (event) => s.log.push(event),
    ...(decision === undefined || s.last === undefined
      ? {}
      : { runId: s.last.runId, resume: { events: logged, decisions: [{ nodeId: 'agent', decision }] } }),
  }).result;
  s.last = result;
  return result;
}

export function eventsOf<T extends EngineEvent['type']>(s: Session, type: T): Extract<EngineEvent, { type: T }>[] {
  return s.log.filter((event): event is Extract<EngineEvent, { type: T }> => event.type === type);
}

/** The tool messages of a model request, by tool call id. */
export function toolMessages(transport: ScriptedTransport, request: number): Record<string, string> {
  const messages = transport.requests[request]?.messages ?? [];
  return Object.fromEntries(messages.flatMap((m) => (m.role === 'tool' ? [[m.toolCallId, m.content]] : [])));
}

export const decided = (decision: Decision['decision'], extra: Partial<Decision> = {}): Decision => ({
  decision,
  by: 'ana',
  at: 1,
  ...extra,
});
