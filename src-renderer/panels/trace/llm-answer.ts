import { isValueRef } from '../../../src-shared/run-log/value-ref.ts';

/**
 * What the model answered in a logged `node.llm` response (a `ChatResponse`): its message's content, text or a large
 * value stored apart. Undefined when there is none to show: the model only asked for tools, or the whole message was
 * stored apart.
 */
export function llmAnswer(response: Record<string, unknown> | undefined): unknown {
  const message = response?.message;
  if (message === null || typeof message !== 'object' || Array.isArray(message) || isValueRef(message)) return undefined;
  const content = (message as Record<string, unknown>).content;
  return content === null ? undefined : content;
}
