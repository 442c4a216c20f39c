import { Field, Int64, Schema, Utf8 } from 'apache-arrow';
import { OperonError } from '../../../src-shared/errors/operon-error.ts';
import type { MemorySource, Turn } from '../../../src-shared/memory/types.ts';
import type { LanceDir } from './lance-db.ts';
import { sourceFromRow, storage, toNumber } from './storage.ts';
import { sqlString } from './where-sql.ts';

const TABLE = 'conversation';
const ROLES = new Set<string>(['system', 'user', 'assistant', 'tool']);

const schema = new Schema([
  new Field('session_id', new Utf8(), false),
  new Field('seq', new Int64(), false),
  new Field('role', new Utf8(), false),
  new Field('content', new Utf8(), false),
  new Field('at', new Int64(), false),
  new Field('source_workflow', new Utf8(), true),
  new Field('source_run', new Utf8(), true),
  new Field('source_node', new Utf8(), true),
]);

/** The estimated tokens of a turn: characters / 4, rounded up. */
export function estimateTokens(content: string): number {
  return Math.ceil(content.length / 4);
}

/**
 * The last turns of `turns` (oldest first) that fit the window: at most `maxTurns`, then the oldest dropped until
 * the estimated tokens fit `maxTokens` (a newest turn larger than the budget is dropped too).
 */
export function windowTurns<T extends { content: string }>(turns: T[], window: { maxTurns?: number; maxTokens?: number }): T[] {
  let kept = window.maxTurns === undefined ? turns : turns.slice(Math.max(0, turns.length - window.maxTurns));
  if (window.maxTokens !== undefined) {
    let total = kept.reduce((sum, turn) => sum + estimateTokens(turn.content), 0);
    let start = 0;
    while (start < kept.length && total > window.maxTokens) {
      total -= estimateTokens(kept[start]?.content ?? '');
      start += 1;
    }
    kept = kept.slice(start);
  }
  return kept;
}

/** Short-term memory: turns by session, numbered by an increasing `seq`. */
export class ConversationTable {
  private readonly lance: LanceDir;
  /** Appends run one at a time so each sees the last `seq`. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(lance: LanceDir) {
    this.lance = lance;
  }

  async read(sessionId: string, window: { maxTurns?: number; maxTokens?: number }): Promise<Turn[]> {
    checkSession(sessionId);
    for (const [name, value] of Object.entries(window)) {
      if (value !== undefined && (!Number.isInteger(value) || value < 0)) {
        throw new OperonError('OPR-140', `conversation window ${name} must be a whole number ≥ 0`);
      }
    }
    const table = await this.lance.open(TABLE);
    if (table === null) return [];
    const rows = await storage('reading the conversation', () =>
      table
        .query()
        .where(`session_id = ${sqlString(sessionId)}`)
        .toArray(),
    );
    const turns = (rows as Record<string, unknown>[])
      .map((row) => ({ seq: toNumber(row.seq), turn: fromRow(row) }))
      .sort((a, b) => a.seq - b.seq)
      .map(({ turn }) => turn);
    return windowTurns(turns, window);
  }

  async append(sessionId: string, turns: { role: Turn['role']; content: string }[], source: MemorySource): Promise<void> {
    checkSession(sessionId);
    turns.forEach((turn, index) => {
      if (!ROLES.has(turn.role)) throw new OperonError('OPR-140', `turn ${index}: unknown role "${String(turn.role)}"`);
      if (typeof turn.content !== 'string') throw new OperonError('OPR-140', `turn ${index}: content must be a string`);
    });
    const run = this.queue.then(() => this.appendNow(sessionId, turns, source));
    this.queue = run.catch(() => undefined);
    await run;
  }

  private async appendNow(sessionId: string, turns: { role: Turn['role']; content: string }[], source: MemorySource): Promise<void> {
    if (turns.length === 0) return;
    const table = await this.lance.openOrCreate(TABLE, schema);
    const existing = await storage('reading the conversation', () =>
      table
        .query()
        .where(`session_id = ${sqlString(sessionId)}`)
        .select(['seq'])
        .toArray(),
    );
    let seq = (existing as Record<string, unknown>[]).reduce((max, row) => Math.max(max, toNumber(row.seq)), -1);
    const at = Date.now();
    const rows = turns.map((turn) => ({
      session_id: sessionId,
      seq: BigInt((seq += 1)),
      role: turn.role,
      content: turn.content,
      at: BigInt(at),
      source_workflow: source.workflowId ?? null,
      source_run: source.runId ?? null,
      source_node: source.nodeId ?? null,
    }));
    await storage('appending to the conversation', () => table.add(rows), { retry: true });
  }
}

function checkSession(sessionId: string): void {
  if (typeof sessionId !== 'string' || sessionId === '') throw new OperonError('OPR-140', 'sessionId must be a non-empty string');
}

function fromRow(row: Record<string, unknown>): Turn {
  const source = sourceFromRow(row);
  return { role: String(row.role) as Turn['role'], content: String(row.content), at: toNumber(row.at), source };
}
