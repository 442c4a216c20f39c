/**
 * For the LLM node's tests: runs workflows through the real engine with in-memory services, a virtual clock
 * and a scripted model transport, and keeps every event.
 */
import { createEngine } from '../../../engine/engine.ts';
import type { EngineEvent, EngineEventType, EventOf } from '../../../engine/events.ts';
import { buildWorkflow } from '../../../engine/testing/build-workflow.ts';
import { createMemoryServices, createScriptedTransport, type MemoryServices } from '../../../engine/testing/memory-services.ts';
import type { RunRequest, RunResult } from '../../../engine/api.ts';
import type { Clock } from '../../../services/clock.ts';
import type { ChatResponse, LlmTransport, PriceTable } from '../../../llm/types.ts';
import type { Workflow } from '../../../workflow/schema.ts';
import { builtinNodeTypes } from '../../builtin.ts';
import { createRegistry } from '../../registry.ts';

export const PRICES: PriceTable = { currency: 'USD', models: { 'gpt-4o-mini': { inputPerMTok: 0.15, outputPerMTok: 0.6 } } };

/** The built-in types with this LLM node (whether or not builtin.ts registers it yet). */
export const registry = createRegistry(builtinNodeTypes);

export const USAGE = { promptTokens: 100, completionTokens: 20, totalTokens: 120 };

/** An answer from gpt-4o-mini with 100 prompt and 20 completion tokens. */
export function reply(content: string | null, extra: Partial<ChatResponse> = {}): ChatResponse {
  return { model: 'gpt-4o-mini', message: { role: 'assistant', content }, finishReason: 'stop', usage: USAGE, ...extra };
}

/**
 * start (manual trigger) → ask (core.llm with `config`) → outputs `answer` (out) and `response`.
 * `ask` gets `nodeSettings`; `settings` are the workflow's.
 */
export function llmWorkflow(
  config: Record<string, unknown>,
  options: { settings?: Record<string, unknown>; nodeSettings?: Record<string, unknown> } = {},
): Workflow {
  return buildWorkflow(
    registry,
    [
      { id: 'start', type: 'core.manual-trigger' },
      { id: 'ask', type: 'core.llm', config, ...(options.nodeSettings === undefined ? {} : { settings: options.nodeSettings }) },
      { id: 'answer', type: 'core.output', config: { name: 'answer' } },
      { id: 'response', type: 'core.output', config: { name: 'response' } },
    ],
    ['start.out -> ask.in', 'ask.out -> answer.in', 'ask.response -> response.in'],
    options.settings ?? {},
  );
}

export interface Harness {
  services: MemoryServices;
  /** The requests the transport received, in order. */
  requests: ReturnType<typeof createScriptedTransport>['requests'];
  events: EngineEvent[];
  run(workflow: Workflow, inputs?: Record<string, unknown>, extra?: Partial<RunRequest>): Promise<RunResult>;
  of<T extends EngineEventType>(type: T, runId?: string): EventOf<T>[];
}

/** One engine over one set of services (so the response cache and in-flight calls are shared between its runs). */
export function createHarness(
  replies: Parameters<typeof createScriptedTransport>[0],
  options: { prices?: PriceTable; wordDelayMs?: number } = {},
): Harness {
  const scripted = createScriptedTransport(replies);
  const { wordDelayMs } = options;
  const transport = wordDelayMs === undefined ? scripted : slowStreaming(scripted, wordDelayMs, () => services.clock);
  const services = createMemoryServices({ llm: transport, prices: options.prices ?? PRICES });
  const engine = createEngine({ registry, services });
  const events: EngineEvent[] = [];
  return {
    services,
    requests: scripted.requests,
    events,
    run: (workflow, inputs = {}, extra = {}) =>
      engine.run({ workflow, inputs, trigger: { type: 'test' }, onEvent: (event) => events.push(event), ...extra }).result,
    of: <T extends EngineEventType>(type: T, runId?: string) =>
      events.filter((event): event is EventOf<T> => event.type === type && (runId === undefined || event.runId === runId)),
  };
}

/** The scripted transport, but a streamed answer arrives one word every `delayMs` of (virtual) time, as a provider's would. */
function slowStreaming(scripted: LlmTransport, delayMs: number, clock: () => Clock): LlmTransport {
  return {
    providers: () => scripted.providers(),
    async chat(request, options) {
      const response = await scripted.chat(request, { signal: options.signal });
      if (options.onDelta !== undefined && response.message.content !== null) {
        for (const word of response.message.content.split(/(?<= )/)) {
          await clock().sleep(delayMs, options.signal);
          options.onDelta(word);
        }
      }
      return response;
    },
  };
}
