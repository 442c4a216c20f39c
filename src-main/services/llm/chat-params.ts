import type {
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionMessageParam,
  ChatCompletionTool,
} from 'openai/resources/chat/completions';
import type { ChatMessage, ChatRequest, ResponseFormat, ToolSpec } from '../../../src-shared/llm/types.ts';
import type { ProviderConfig } from './providers.ts';

/** The Chat Completions body for a request, without `stream`. Fields the request leaves out are left out of the body too. */
export function toChatParams(request: ChatRequest, provider: ProviderConfig): ChatCompletionCreateParamsNonStreaming {
  return {
    model: request.model,
    messages: request.messages.map(toMessageParam),
    ...(request.tools !== undefined && request.tools.length > 0 ? { tools: request.tools.map(toToolParam) } : {}),
    ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
    ...(request.maxTokens === undefined ? {} : { [provider.maxTokensParam]: request.maxTokens }),
    ...(request.stop !== undefined && request.stop.length > 0 ? { stop: request.stop } : {}),
    ...(request.seed === undefined ? {} : { seed: request.seed }),
    ...(request.responseFormat === undefined ? {} : { response_format: toResponseFormat(request.responseFormat) }),
  };
}

function toMessageParam(message: ChatMessage): ChatCompletionMessageParam {
  switch (message.role) {
    case 'system':
    case 'user':
      return { role: message.role, content: message.content };
    case 'assistant':
      return {
        role: 'assistant',
        content: message.content,
        ...(message.toolCalls !== undefined && message.toolCalls.length > 0
          ? {
              tool_calls: message.toolCalls.map((call) => ({
                id: call.id,
                type: 'function' as const,
                function: { name: call.name, arguments: call.arguments },
              })),
            }
          : {}),
      };
    case 'tool':
      return { role: 'tool', tool_call_id: message.toolCallId, content: message.content };
  }
}

function toToolParam(tool: ToolSpec): ChatCompletionTool {
  return { type: 'function', function: { name: tool.name, description: tool.description, parameters: tool.parameters } };
}

function toResponseFormat(format: ResponseFormat): NonNullable<ChatCompletionCreateParamsNonStreaming['response_format']> {
  if (format.type !== 'json_schema') return { type: format.type };
  return {
    type: 'json_schema',
    json_schema: { name: format.name, schema: format.schema, ...(format.strict === undefined ? {} : { strict: format.strict }) },
  };
}
