import type { NodeMemory } from '../../memory/node-memory.ts';
import type { MemoryHit, MemoryRecord, MemorySource } from '../../memory/types.ts';
import type { EventOf } from '../events.ts';
import type { RunScope } from '../run-scope.ts';

const TEXT_IN_LOG = 200;
type Op = EventOf<'node.memory'>['op'];
type Result = NonNullable<EventOf<'node.memory'>['results']>[number];

/** Builds `ctx.memory` for one node: stamps its source on writes and logs each call as a `node.memory` event. */
export function bindNodeMemory(scope: RunScope, nodeId: string, signal: AbortSignal): NodeMemory {
  const memory = scope.services.memory;
  const source: MemorySource = { workflowId: scope.workflow.id, runId: scope.runId, nodeId };
  const logged = async <T>(
    op: Op,
    request: Record<string, unknown>,
    call: () => Promise<T>,
    describe: (value: T) => { count: number; results?: Result[] },
  ): Promise<T> => {
    const started = scope.services.clock.now();
    const value = await call();
    scope.emit({ type: 'node.memory', nodeId, op, request, ...describe(value), durationMs: scope.services.clock.now() - started });
    return value;
  };
  const records = (list: MemoryRecord[]) => ({ count: list.length, results: list.map((record) => result(record, null)) });
  return {
    write: (writes) =>
      logged(
        'write',
        { records: writes.length, collections: [...new Set(writes.map((w) => w.collection))] },
        () => {
          scope.secretGuard.check(nodeId, writes, 'a memory record');
          return memory.write(writes, source, signal);
        },
        records,
      ),
    search: (query) =>
      logged(
        'search',
        { ...query },
        () => memory.search(query, signal),
        (hits: MemoryHit[]) => ({ count: hits.length, results: hits.map((hit) => result(hit.record, hit.score)) }),
      ),
    list: (filter, limit) => logged('list', { filter, limit }, () => memory.list(filter, limit), records),
    delete: (selector) =>
      logged(
        'delete',
        { ...selector },
        () => memory.delete(selector),
        (count) => ({ count }),
      ),
    conversation: {
      read: (sessionId, window) =>
        logged(
          'conversation.read',
          { sessionId, ...window },
          () => memory.conversation.read(sessionId, window),
          (turns) => ({ count: turns.length }),
        ),
      append: (sessionId, turns) =>
        logged(
          'conversation.append',
          { sessionId, turns: turns.length },
          () => {
            scope.secretGuard.check(nodeId, turns, 'a conversation turn in memory');
            return memory.conversation.append(sessionId, turns, source);
          },
          () => ({ count: turns.length }),
        ),
    },
    knowledge: {
      upsert: (collection, rows) =>
        logged(
          'knowledge.upsert',
          { collection: collection.name, records: rows.length },
          () => {
            scope.secretGuard.check(nodeId, rows, 'a knowledge record in memory');
            return memory.knowledge.upsert(collection, rows, source);
          },
          (r) => ({ count: r.written }),
        ),
      lookup: (collection, where, limit) =>
        logged(
          'knowledge.lookup',
          { collection, where, limit },
          () => memory.knowledge.lookup(collection, where, limit),
          (rows) => ({ count: rows.length }),
        ),
    },
  };
}

function result(record: MemoryRecord, score: number | null): Result {
  return {
    id: record.id,
    collection: record.collection,
    score,
    source: record.source,
    text: record.text.length > TEXT_IN_LOG ? `${record.text.slice(0, TEXT_IN_LOG)}…` : record.text,
  };
}
