import type { EventOf } from '../../../src-shared/engine/events.ts';
import { isValueRef } from '../../../src-shared/run-log/value-ref.ts';
import { VIEWER_IDS } from '../../test-ids.ts';
import { InlineValue } from '../../kit/inline-value.tsx';
import { formatCost, formatDuration } from '../../kit/run-labels.ts';
import { ValueView } from '../../kit/value-view.tsx';
import { llmAnswer } from './llm-answer.ts';
import { TraceSection } from './trace-section.tsx';

type LlmCall = EventOf<'node.llm'>;

/** Each model call: the messages sent, the answer (or error), tokens, cost and latency. */
export function TraceLlmCalls({ runId, calls }: { runId: string; calls: readonly LlmCall[] }) {
  if (calls.length === 0) return null;
  return (
    <TraceSection title="Model calls" count={calls.length}>
      <ol className="trace-list">
        {calls.map((call) => (
          <li key={`${call.callId}-${call.seq}`} data-testid={VIEWER_IDS.traceLlmCall}>
            <LlmCallView runId={runId} call={call} />
          </li>
        ))}
      </ol>
    </TraceSection>
  );
}

function LlmCallView({ runId, call }: { runId: string; call: LlmCall }) {
  const { messages, ...params } = call.request;
  const response = call.response;
  const answer = llmAnswer(response);
  return (
    <>
      <p>
        <strong>
          {call.provider}/{call.model}
        </strong>{' '}
        <span className="muted">
          attempt {call.attempt} · {formatDuration(call.latencyMs)}
          {call.cached && ' · cache hit'}
          {call.usage !== null && ` · ${call.usage.promptTokens} + ${call.usage.completionTokens} = ${call.usage.totalTokens} tokens`}
          {` · ${formatCost(call.costUsd)}`}
        </span>
      </p>
      <details open>
        <summary>Messages sent</summary>
        {Array.isArray(messages) ? (
          (messages as unknown[]).map((message, i) => <Message key={i} runId={runId} message={message} />)
        ) : (
          <ValueView runId={runId} value={messages} />
        )}
        {Object.keys(params).length > 0 && (
          <details>
            <summary>Request settings</summary>
            <ValueView runId={runId} value={params} />
          </details>
        )}
      </details>
      {call.error !== undefined && (
        <p className="error">
          {call.error.code}: {call.error.message}
        </p>
      )}
      {response !== undefined && (
        <details open>
          <summary>Answer</summary>
          {answer !== undefined &&
            (typeof answer === 'string' ? <InlineValue text={answer} /> : <ValueView runId={runId} value={answer} />)}
          <details>
            <summary>Whole answer</summary>
            <ValueView runId={runId} value={response} />
          </details>
        </details>
      )}
    </>
  );
}

/** One chat message: its role, and its content as text when it is text. */
function Message({ runId, message }: { runId: string; message: unknown }) {
  if (isValueRef(message) || message === null || typeof message !== 'object' || Array.isArray(message)) {
    return <ValueView runId={runId} value={message} />;
  }
  const { role, content, ...rest } = message as Record<string, unknown>;
  return (
    <div className="trace-message">
      <span className="value-key">{typeof role === 'string' ? role : 'message'}</span>
      {typeof content === 'string' ? <InlineValue text={content} /> : <ValueView runId={runId} value={content} />}
      {Object.keys(rest).length > 0 && <ValueView runId={runId} value={rest} />}
    </div>
  );
}
