import type { MemorySource } from '../../../src-shared/memory/types.ts';
import { OperonError } from '../../../src-shared/errors/operon-error.ts';

/**
 * Runs a LanceDB operation, turning a failure into OPR-142. With `retry`, a failed attempt is tried once more
 * first (LanceDB commits are atomic, so a failed write left nothing behind). OperonErrors pass through unchanged.
 */
export async function storage<T>(what: string, run: () => Promise<T>, options: { retry?: boolean } = {}): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof OperonError) throw error;
    if (options.retry !== true) throw storageError(what, error);
  }
  try {
    return await run();
  } catch (error) {
    if (error instanceof OperonError) throw error;
    throw storageError(what, error);
  }
}

function storageError(what: string, cause: unknown): OperonError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new OperonError('OPR-142', `memory storage failed while ${what}: ${detail}`, { retryable: true, cause });
}

/** A string list read back from LanceDB (an Arrow vector, an array, or null). */
export function stringList(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (typeof value === 'object' && Symbol.iterator in value) {
    return Array.from(value as Iterable<unknown>, (item) => String(item));
  }
  return [];
}

/** An int64 read back from LanceDB (a bigint) or a number, as a number. */
export function toNumber(value: unknown): number {
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number') return value;
  return 0;
}

/** A nullable string column. */
export function toStringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** The source of a row, from the `source_workflow`, `source_run` and `source_node` columns every table has. */
export function sourceFromRow(row: Record<string, unknown>): MemorySource {
  const source: MemorySource = {};
  const workflowId = toStringOrNull(row.source_workflow);
  const runId = toStringOrNull(row.source_run);
  const nodeId = toStringOrNull(row.source_node);
  if (workflowId !== null) source.workflowId = workflowId;
  if (runId !== null) source.runId = runId;
  if (nodeId !== null) source.nodeId = nodeId;
  return source;
}
