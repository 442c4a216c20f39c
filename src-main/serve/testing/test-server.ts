import { onTestFinished } from 'vitest';
import type { EngineEvent } from '../../../src-shared/engine/events.ts';
import type { WorkflowInput } from '../../../src-shared/workflow/schema.ts';
import { tempDir } from '../../services/test-support.ts';
import type { WatchLimitOptions } from '../../host/api/watch-limits.ts';
import { startServer, type RunningServer, type ServerOptions } from '../server.ts';
import { connectApi, type TestConnection } from './connect.ts';

/** What {@link serveForTest} gives: a connected client, its data dir, and more clients on demand. */
export type ServedForTest = TestConnection & {
  dataDir: string;
  server: RunningServer;
  /** Another client of the same server (closed when the test ends). */
  connectAnother(): TestConnection;
};

/**
 * A real `operon serve` (with `env` as its environment, `watch` as its watch limits, `limits` and `log` as given) on a
 * fresh data dir and a client connected over a WebSocket, all closed when the test ends.
 */
export async function serveForTest(
  env: NodeJS.ProcessEnv = {},
  options: { watch?: WatchLimitOptions } & Pick<ServerOptions, 'limits' | 'log'> = {},
): Promise<ServedForTest> {
  const dataDir = await tempDir();
  const server = await startServer({ dataDir, staticDir: dataDir, env, ...options });
  const connections: TestConnection[] = [];
  const connectAnother = (): TestConnection => {
    const connection = connectApi(server);
    connections.push(connection);
    return connection;
  };
  const connection = connectAnother();
  onTestFinished(async () => {
    for (const each of connections) each.transport.close();
    await server.close();
  });
  return { ...connection, dataDir, server, connectAnother };
}

/** The events received for one run so far (of a watched run). */
export function pushedEvents(connection: TestConnection, runId: string): EngineEvent[] {
  return connection.runEvents.filter((payload) => payload.runId === runId).map((payload) => payload.event);
}

/** Resolves once a watched run has streamed an event matching `predicate`. */
export function waitForEvent(connection: TestConnection, runId: string, predicate: (event: EngineEvent) => boolean): Promise<void> {
  return connection.waitForRunEvents((events) => events.some((payload) => payload.runId === runId && predicate(payload.event)));
}

/** A workflow document from nodes and `from.port -> to.port` edges (positions and type versions filled in). */
export function workflowOf(
  id: string,
  nodes: { id: string; type: string; config?: Record<string, unknown>; settings?: Record<string, unknown> }[],
  edges: string[],
  inputs?: WorkflowInput['inputs'],
): WorkflowInput {
  return {
    schemaVersion: 1,
    id,
    name: id,
    ...(inputs === undefined ? {} : { inputs }),
    nodes: nodes.map((node, index) => ({ typeVersion: 1, position: { x: index * 200, y: 0 }, config: {}, ...node })),
    edges: edges.map((edge, index) => {
      const [from = '', to = ''] = edge.split(' -> ');
      const [source = '', sourcePort = ''] = from.split('.');
      const [target = '', targetPort = ''] = to.split('.');
      return { id: `e${index + 1}`, source, sourcePort, target, targetPort };
    }),
  };
}
