import { describe, expect, it } from 'vitest';
import { MAX_MESSAGE_CHARS, MAX_MESSAGE_DEPTH } from '../../../src-shared/limits/message-limits.ts';
import type { ApiConnection } from './api-sink.ts';
import { answerRequest } from './answer-request.ts';

/** A connection that answers every call with what it was given, and remembers the calls that reached it. */
function echoConnection(): ApiConnection & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    handle: (call, input) => {
      calls.push(call);
      return Promise.resolve({ input });
    },
    written: () => undefined,
    close: () => undefined,
  };
}

/** A request whose input holds a value nested `depth` levels (arrays). */
function requestNested(depth: number): string {
  return `{"id":7,"call":"workflows.validate","input":{"workflow":${'['.repeat(depth)}${']'.repeat(depth)}}}`;
}

describe('answerRequest at the depth and size limits', () => {
  it('refuses a message nested past the limit with OPR-006 naming it, before any call runs', async () => {
    const connection = echoConnection();
    const answer = await answerRequest(connection, requestNested(5000), (error) => {
      throw error;
    });
    expect(answer).toEqual({
      id: null,
      ok: false,
      error: {
        code: 'OPR-006',
        message: expect.stringMatching(/^the message is nested deeper than 136 levels \(the limit\) at input\.workflow\[0\]/),
      },
    });
    expect(connection.calls).toEqual([]);
  });

  it('lets a message at the limit through to the call', async () => {
    const connection = echoConnection();
    // The envelope is two levels ({ … input: { workflow: … } }): the value may take the rest.
    await answerRequest(connection, requestNested(MAX_MESSAGE_DEPTH - 2), (error) => {
      throw error;
    });
    expect(connection.calls).toEqual(['workflows.validate']);
  });

  it('refuses a message past the size limit without parsing it', async () => {
    const connection = echoConnection();
    const answer = await answerRequest(connection, ' '.repeat(MAX_MESSAGE_CHARS + 1), (error) => {
      throw error;
    });
    expect(answer).toMatchObject({ id: null, ok: false, error: { code: 'OPR-006', message: expect.stringContaining('32 MiB') } });
  });
});
