import { describe, expect, it } from 'vitest';
import type { ChatResponse } from '../../../src-shared/llm/types.ts';
import { llmAnswer } from './llm-answer.ts';

const response = (message: ChatResponse['message']): Record<string, unknown> => ({
  model: 'gpt-4o-mini',
  message,
  finishReason: 'stop',
  usage: { promptTokens: 1, completionTokens: 1, totalTokens: 2 },
});

describe('llmAnswer', () => {
  it("reads the answer's text from the logged message", () => {
    expect(llmAnswer(response({ role: 'assistant', content: 'Billing.' }))).toBe('Billing.');
  });

  it('keeps a large answer stored apart as its value ref', () => {
    const ref = { $ref: `values/${'a'.repeat(64)}.json`, bytes: 9000 };
    expect(llmAnswer({ message: { role: 'assistant', content: ref } })).toEqual(ref);
  });

  it('has nothing to show for a turn that only asks for tools, a message stored apart, or no answer', () => {
    const toolsOnly = response({ role: 'assistant', content: null, toolCalls: [{ id: 'c1', name: 'read_order', arguments: '{}' }] });
    expect(llmAnswer(toolsOnly)).toBeUndefined();
    expect(llmAnswer({ message: { $ref: `values/${'b'.repeat(64)}.json`, bytes: 5000 } })).toBeUndefined();
    expect(llmAnswer(undefined)).toBeUndefined();
  });
});
