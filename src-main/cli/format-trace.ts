import pc from 'picocolors';
import type { EngineEvent } from '../../src-shared/engine/events.ts';
import type { InterruptPolicy } from '../../src-shared/nodes/define-node-type.ts';
import { formatDuration, formatUsd, inline } from './format-values.ts';

export type NodeEvent = Extract<EngineEvent, { nodeId: string }>;

export function statusColor(status: string): (text: string) => string {
  if (status === 'succeeded') return pc.green;
  if (status === 'failed' || status === 'interrupted') return pc.red;
  if (status === 'waiting' || status === 'cancelled') return pc.yellow;
  if (status === 'cached' || status === 'reused') return pc.blue;
  if (status === 'paused') return pc.magenta;
  return pc.dim;
}

const SYMBOL: Record<string, string> = {
  succeeded: '✓',
  failed: '✗',
  cancelled: '■',
  skipped: '↷',
  cached: '≡',
  reused: '⇢',
  waiting: '⏸',
  paused: '⏸',
  running: '●',
};

/** What resuming did with an interrupted node, by its type's policy. */
export const INTERRUPT_ACTION: Record<InterruptPolicy, string> = {
  rerun: 'run again',
  resend: 'sent again as the same attempt, with the same Idempotency-Key',
  ask: 'waits for a person, since its side effect may have happened',
};

/** One block per node, in the order nodes started: status, time, attempts, errors, inputs and outputs. */
export function nodeTrace(events: readonly EngineEvent[]): string[] {
  const byNode = new Map<string, NodeEvent[]>();
  for (const event of events) {
    if (!('nodeId' in event)) continue;
    const list = byNode.get(event.nodeId) ?? [];
    list.push(event);
    byNode.set(event.nodeId, list);
  }
  const width = Math.min(28, Math.max(...[...byNode.keys()].map((id) => id.length), 4));
  const lines: string[] = [];
  for (const [nodeId, list] of byNode) {
    const status = nodeStatus(list);
    const finished = list.findLast((e) => e.type === 'node.finished');
    const color = statusColor(status);
    const time = finished?.type === 'node.finished' ? formatDuration(finished.durationMs) : '';
    lines.push(`${color(SYMBOL[status] ?? '·')} ${nodeId.padEnd(width)} ${color(status.padEnd(9))} ${time.padStart(8)}${modelUse(list)}`);
    for (const event of list) {
      const detail = nodeDetail(event);
      if (detail !== undefined) lines.push(`    ${detail}`);
    }
  }
  return lines;
}

/** Whether the run's cancel stopped the node (its error is OPR-104): it failed, but is shown and counted as cancelled. */
export function wasCancelled(events: readonly NodeEvent[]): boolean {
  return events.some((event) => event.type === 'node.error' && event.error.code === 'OPR-104');
}

/** Where a node stands after its events: the last one that says so (running when none does). */
function nodeStatus(events: readonly NodeEvent[]): string {
  for (const event of events.toReversed()) {
    if (event.type === 'node.finished') return event.status === 'failed' && wasCancelled(events) ? 'cancelled' : event.status;
    if (event.type === 'node.skipped' || event.type === 'node.waiting' || event.type === 'node.reused' || event.type === 'node.paused')
      return event.type.slice('node.'.length);
    if (event.type === 'node.started') return 'running';
  }
  return 'running';
}

function nodeDetail(event: NodeEvent): string | undefined {
  switch (event.type) {
    case 'node.started':
      return event.attempt === 1 ? `in   ${inline(event.inputs)}` : pc.dim(`attempt ${event.attempt}`);
    case 'node.retry':
      return pc.yellow(`${event.error.code} ${event.error.message} → retry in ${formatDuration(event.delayMs)}`);
    case 'node.error':
      return pc.red(
        `${event.error.code} ${event.error.message}${event.handling === 'fail' ? '' : ` → ${event.handling === 'route' ? 'routed to the error port' : 'continued with the fallback value'}`}`,
      );
    case 'node.skipped':
      return pc.dim(event.reason);
    case 'node.reused': {
      const from = event.from.kind === 'pin' ? 'pinned output' : `reused from run ${event.from.runId}`;
      return `out  ${inline(event.outputs)}${pc.blue(` (${from})`)}`;
    }
    case 'node.paused':
      return pc.magenta(`paused (${event.reason}) before it started, in ${inline(event.inputs)}`);
    case 'node.override':
      return pc.magenta(`inputs overridden by ${event.by}: ${inline(event.inputs)}`);
    case 'node.interrupted':
      return pc.yellow(`interrupted in attempt ${event.attempt} (its process died): ${INTERRUPT_ACTION[event.policy]}`);
    case 'node.waiting':
      return pc.yellow(`waiting: ${event.request.title}${event.request.message === '' ? '' : `: ${event.request.message}`}`);
    case 'node.decision':
      return `${event.decision.decision} by ${event.decision.by}${event.decision.comment === undefined ? '' : `: "${event.decision.comment}"`}`;
    case 'node.llm': {
      const usage = event.usage === null ? '' : ` ${event.usage.promptTokens}→${event.usage.completionTokens} tokens`;
      const head = `llm  ${event.provider}/${event.model}${event.attempt > 1 ? ` attempt ${event.attempt}` : ''}`;
      if (event.cached) return pc.blue(`${head} (cached)`);
      if (event.error !== undefined) return pc.yellow(`${head}: ${event.error.code} ${event.error.message}`);
      const content = (event.response as { message?: { content?: unknown; toolCalls?: { name: string }[] } } | undefined)?.message;
      const said = content?.toolCalls?.length
        ? `calls ${content.toolCalls.map((c) => c.name).join(', ')}`
        : inline(content?.content ?? null, 60);
      return `${head}${usage} · ${formatUsd(event.costUsd)} · ${formatDuration(event.latencyMs)} → ${said}`;
    }
    case 'node.tool': {
      const approval = event.approval === undefined ? '' : ` (${event.approval.decision} by ${event.approval.by})`;
      const outcome = event.error === undefined ? inline(event.result ?? null, 60) : pc.red(event.error);
      return `tool ${event.tool}(${inline(event.arguments, 60)})${approval} → ${outcome}`;
    }
    case 'node.log':
      return event.level === 'debug' ? undefined : pc.dim(`${event.level}: ${event.message}`);
    case 'node.finished': {
      const cached = event.cachedFrom === undefined ? '' : pc.blue(` (cache hit from run ${event.cachedFrom.runId})`);
      return Object.keys(event.outputs).length === 0 && cached === '' ? undefined : `out  ${inline(event.outputs)}${cached}`;
    }
    default:
      return undefined;
  }
}

/** One event of a node's own log, for `runs show --node`. */
export function describeEvent(event: NodeEvent): string {
  const time = new Date(event.ts).toISOString().slice(11, 23);
  const body: Record<string, unknown> = { ...event };
  for (const key of ['seq', 'ts', 'runId', 'nodeId', 'type']) delete body[key];
  return `#${event.seq} ${time} ${pc.bold(event.type)} ${JSON.stringify(body, null, 2).replace(/\n/g, '\n    ')}`;
}

/** A node's model use in its headline: `  · 3 model calls, 1,275 tokens, $0.000225`. */
function modelUse(events: readonly NodeEvent[]): string {
  const calls = events.filter((e): e is Extract<NodeEvent, { type: 'node.llm' }> => e.type === 'node.llm' && !e.cached);
  if (calls.length === 0) return '';
  const tokens = calls.reduce((sum, e) => sum + (e.usage?.totalTokens ?? 0), 0);
  const priced = calls.filter((e) => e.costUsd !== null);
  const cost = priced.length === 0 ? 'cost unknown' : formatUsd(priced.reduce((sum, e) => sum + (e.costUsd ?? 0), 0));
  return pc.dim(`  · ${calls.length} model call${calls.length === 1 ? '' : 's'}, ${tokens.toLocaleString('en-US')} tokens, ${cost}`);
}
