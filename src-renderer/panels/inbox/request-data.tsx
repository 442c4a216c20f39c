import { DEBUG_IDS } from '../../test-ids.ts';

/** What an agent proposes when a tool call needs approval (see src-shared/nodes/types/agent/state.ts). */
interface ToolApproval {
  kind: 'agent-tool-approval';
  tool: string;
  arguments: unknown;
  state?: unknown;
}

export function isToolApproval(data: unknown): data is ToolApproval {
  return typeof data === 'object' && data !== null && (data as { kind?: unknown }).kind === 'agent-tool-approval';
}

/** The value an edit starts from: a tool call's arguments, or the data to approve. */
export function editableValue(data: unknown): unknown {
  return isToolApproval(data) ? data.arguments : data;
}

/** An approval request's data as readable JSON; for an agent's tool call, the tool and its arguments first. */
export function RequestData({ data }: { data: unknown }) {
  if (data === undefined) return null;
  if (isToolApproval(data)) {
    return (
      <div className="inbox-data" data-testid={DEBUG_IDS.inboxData}>
        <p>
          Tool call: <code>{data.tool}</code>
        </p>
        <pre>{JSON.stringify(data.arguments, null, 2)}</pre>
        {data.state !== undefined && (
          <details>
            <summary>The agent&apos;s state</summary>
            <pre>{JSON.stringify(data.state, null, 2)}</pre>
          </details>
        )}
      </div>
    );
  }
  return (
    <pre className="inbox-data" data-testid={DEBUG_IDS.inboxData}>
      {JSON.stringify(data, null, 2)}
    </pre>
  );
}
