import type { createLogUpdate } from 'log-update';
import pc from 'picocolors';
import type { EngineEvent, NodeStatus, ReuseSource } from '../../src-shared/engine/events.ts';
import { INTERRUPT_ACTION } from './format-trace.ts';

export interface ProgressView {
  onEvent(event: EngineEvent): void;
  /** Draws the final state and stops redrawing. */
  stop(): void;
}

/** What a row of the live view shows: a node's status, or cancelled for a node the run's cancel stopped (OPR-104). */
type RowStatus = NodeStatus | 'cancelled';

const SYMBOL: Record<RowStatus, string> = {
  pending: '·',
  queued: '○',
  paused: '⏸',
  running: '●',
  waiting: '⏸',
  succeeded: '✓',
  failed: '✗',
  skipped: '↷',
  cached: '≡',
  reused: '⇢',
  cancelled: '■',
};
const COLOR: Record<RowStatus, (text: string) => string> = {
  pending: pc.dim,
  queued: pc.dim,
  paused: pc.magenta,
  running: pc.cyan,
  waiting: pc.yellow,
  succeeded: pc.green,
  failed: pc.red,
  skipped: pc.dim,
  cached: pc.blue,
  reused: pc.blue,
  cancelled: pc.yellow,
};
const MAX_LINES = 18;

/**
 * Shows a run's progress on stderr: on a terminal, a live panel of counts and the nodes that are active
 * or changed last (redrawn at most 10 times a second); otherwise one plain line per node event.
 * Only events of `runId` are shown (child runs are summarised by the node that called them).
 */
export async function createProgressView(
  stream: NodeJS.WriteStream,
  tty: boolean,
  redact: (text: string) => string,
): Promise<ProgressView> {
  if (!tty) return plainView(stream, redact);
  // log-update and the terminal-width libraries under it load only for a terminal: a script's run does not pay for them.
  const { createLogUpdate } = await import('log-update');
  return liveView(createLogUpdate(stream), redact);
}

function plainView(stream: NodeJS.WriteStream, redact: (text: string) => string): ProgressView {
  let rootRun: string | undefined;
  /** Nodes the run's cancel stopped (OPR-104): they finish failed, and are shown cancelled. */
  const cancelled = new Set<string>();
  return {
    onEvent(event) {
      // A continued run (a decision, an interruption) has no run.started: its run.resumed comes first.
      if ((event.type === 'run.started' && event.parent === undefined) || event.type === 'run.resumed') rootRun ??= event.runId;
      if (event.runId !== rootRun) return;
      if (event.type === 'node.error' && event.error.code === 'OPR-104') cancelled.add(event.nodeId);
      const line =
        event.type === 'node.finished' && event.status === 'failed' && cancelled.has(event.nodeId)
          ? `${event.nodeId}: cancelled in ${event.durationMs} ms`
          : plainLine(event);
      if (line !== undefined) stream.write(redact(`${new Date(event.ts).toISOString().slice(11, 23)} ${line}\n`));
    },
    stop: () => undefined,
  };
}

function plainLine(event: EngineEvent): string | undefined {
  switch (event.type) {
    case 'run.started':
      return `run ${event.runId} started (workflow ${event.workflowId})`;
    case 'run.resumed':
      return `run ${event.runId} resumed`;
    case 'node.started':
      return `${event.nodeId}: started${event.attempt > 1 ? ` (attempt ${event.attempt})` : ''}`;
    case 'node.retry':
      return `${event.nodeId}: ${event.error.code} ${event.error.message}; retry in ${event.delayMs} ms`;
    case 'node.error':
      return `${event.nodeId}: ${event.error.code} ${event.error.message} (onError: ${event.handling})`;
    case 'node.skipped':
      return `${event.nodeId}: skipped (${event.reason})`;
    case 'node.interrupted':
      return `${event.nodeId}: interrupted in attempt ${event.attempt}: ${INTERRUPT_ACTION[event.policy]}`;
    case 'node.waiting':
      return `${event.nodeId}: waiting for a decision: ${event.request.title}`;
    case 'node.decision':
      return `${event.nodeId}: ${event.decision.decision} by ${event.decision.by}`;
    case 'node.finished':
      return `${event.nodeId}: ${event.status} in ${event.durationMs} ms`;
    case 'node.reused':
      return `${event.nodeId}: ${reusedFrom(event.from)}`;
    case 'run.waiting':
      return `run waiting for ${event.pending.length} ${event.pending.length === 1 ? 'decision' : 'decisions'}`;
    case 'run.finished':
      return `run ${event.status} in ${event.totals.durationMs} ms`;
    default:
      return undefined;
  }
}

function reusedFrom(from: ReuseSource): string {
  return from.kind === 'pin' ? 'pinned output' : `output reused from run ${from.runId}`;
}

interface Row {
  status: RowStatus;
  detail: string;
  touched: number;
}

function liveView(draw: ReturnType<typeof createLogUpdate>, redact: (text: string) => string): ProgressView {
  const rows = new Map<string, Row>();
  /** Nodes the run's cancel stopped (OPR-104): they finish failed, and are shown cancelled. */
  const cancelled = new Set<string>();
  let rootRun: string | undefined;
  let title = '';
  const streamed = new Map<string, string>();
  let tick = 0;
  let dirty = false;
  const timer = setInterval(() => {
    if (dirty) draw(redact(render()));
    dirty = false;
  }, 100);
  timer.unref();

  const set = (nodeId: string, status: RowStatus, detail = ''): void => {
    rows.set(nodeId, { status, detail, touched: tick++ });
    dirty = true;
  };
  const render = (): string => {
    const counts = new Map<RowStatus, number>();
    for (const row of rows.values()) counts.set(row.status, (counts.get(row.status) ?? 0) + 1);
    const summary = (['succeeded', 'failed', 'cancelled', 'skipped', 'cached', 'reused', 'waiting', 'running'] as const)
      .filter((s) => (counts.get(s) ?? 0) > 0)
      .map((s) => COLOR[s](`${SYMBOL[s]} ${counts.get(s) ?? 0}`))
      .join('  ');
    const active = [...rows].filter(([, r]) => r.status === 'running' || r.status === 'waiting' || r.status === 'failed');
    const recent = [...rows].filter(([, r]) => !active.some(([, a]) => a === r)).sort((a, b) => b[1].touched - a[1].touched);
    const shown = [...active, ...recent].slice(0, MAX_LINES).sort((a, b) => a[1].touched - b[1].touched);
    const hidden = rows.size - shown.length;
    const lines = shown.map(
      ([id, r]) =>
        `  ${COLOR[r.status](SYMBOL[r.status])} ${id.padEnd(24)} ${COLOR[r.status](r.status)}${r.detail === '' ? '' : pc.dim(`  ${r.detail}`)}`,
    );
    return [`${pc.bold(title)}  ${summary}`, ...(hidden > 0 ? [pc.dim(`  … ${hidden} more`)] : []), ...lines].join('\n');
  };

  return {
    onEvent(event) {
      if (event.type === 'run.started' && event.parent === undefined) {
        rootRun ??= event.runId;
        title = `${event.workflowId} · run ${event.runId}`;
      }
      if (event.type === 'run.resumed') {
        rootRun ??= event.runId;
        title = `run ${event.runId} (resumed)`;
      }
      if (event.runId !== rootRun) return;
      switch (event.type) {
        case 'node.started':
          set(event.nodeId, 'running', event.attempt > 1 ? `attempt ${event.attempt}` : '');
          break;
        case 'node.retry':
          set(event.nodeId, 'running', `${event.error.code}; retry in ${event.delayMs} ms`);
          break;
        case 'node.skipped':
          set(event.nodeId, 'skipped');
          break;
        case 'node.reused':
          set(event.nodeId, 'reused', reusedFrom(event.from));
          break;
        case 'node.waiting':
          set(event.nodeId, 'waiting', event.request.title);
          break;
        case 'node.partial': {
          // Streamed model text, live: the tail of what has arrived (a null chunk withdraws a failed attempt's text).
          const text =
            event.chunk === null ? '' : (streamed.get(event.nodeId) ?? '') + (typeof event.chunk === 'string' ? event.chunk : '');
          streamed.set(event.nodeId, text.slice(-2_000));
          set(event.nodeId, 'running', `“${text.replace(/\s+/g, ' ').slice(-60)}”`);
          break;
        }
        case 'node.llm':
          if (!event.cached && event.usage !== null) set(event.nodeId, 'running', `${event.model}: ${event.usage.totalTokens} tokens`);
          break;
        case 'node.error':
          if (event.error.code === 'OPR-104') cancelled.add(event.nodeId);
          break;
        case 'node.finished':
          set(
            event.nodeId,
            event.status === 'failed' && cancelled.has(event.nodeId) ? 'cancelled' : event.status,
            `${event.durationMs} ms${event.errorHandled === undefined ? '' : ` (error ${event.errorHandled}d)`}`,
          );
          break;
        default:
          break;
      }
    },
    stop() {
      clearInterval(timer);
      draw(redact(render()));
      draw.done();
    },
  };
}
