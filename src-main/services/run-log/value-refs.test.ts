import { describe, expect, it } from 'vitest';
import { isValueRef } from '../../../src-shared/run-log/value-ref.ts';
import { mapEventPayloads } from './value-refs.ts';

const big = (label: string) => ({ role: 'user', content: label.repeat(5_000) });
const toRef = (value: unknown) =>
  JSON.stringify(value).length > 4096 ? { $ref: `values/${'a'.repeat(64)}.json`, bytes: JSON.stringify(value).length } : value;

describe('mapEventPayloads', () => {
  it('maps each message of a model call on its own, and the response', () => {
    const small = { role: 'system', content: 'be brief' };
    const event = {
      type: 'node.llm',
      request: { messages: [small, big('x')], temperature: 0 },
      response: { message: { content: 'y'.repeat(5_000) } },
    };
    const mapped = mapEventPayloads(event, toRef) as typeof event & { request: { messages: unknown[] } };
    expect(mapped.request.messages[0]).toBe(small);
    expect(isValueRef(mapped.request.messages[1])).toBe(true);
    expect(mapped.request.temperature).toBe(0);
    expect(isValueRef(mapped.response)).toBe(true);
    expect(event.request.messages[1]).toEqual(big('x'));
  });

  it("maps a tool call's arguments and result", () => {
    const event = { type: 'node.tool', arguments: { path: 'a.txt' }, result: 'z'.repeat(5_000) };
    const mapped = mapEventPayloads(event, toRef);
    expect(mapped.arguments).toBe(event.arguments);
    expect(isValueRef(mapped.result)).toBe(true);
  });

  it('still maps the data of an approval request', () => {
    const event = { type: 'node.waiting', request: { title: 't', message: 'm', data: 'd'.repeat(5_000) } };
    expect(isValueRef(mapEventPayloads(event, toRef).request.data)).toBe(true);
  });
});
