import { expect } from 'vitest';
import type { EngineEvent } from '../../../src-shared/engine/events.ts';
import { countFiles, filesHolding, messagesHolding } from '../../services/testing/secret-scan.ts';
import { pushedEvents, workflowOf, type ServedForTest } from './test-server.ts';

/** A node of a chain run by {@link runOne}. */
export interface ChainNode {
  type: string;
  config: Record<string, unknown>;
}

/**
 * Saves and runs a workflow of `start -> before -> leak -> result` (`before` only when given), waits for it to end,
 * and returns its status and the events pushed to the client.
 */
export async function runOne(
  served: ServedForTest,
  id: string,
  node: ChainNode,
  options: { inputs?: Record<string, unknown>; before?: ChainNode; timeoutMs?: number } = {},
): Promise<{ runId: string; status: string; events: EngineEvent[] }> {
  const nodes = [
    { id: 'start', type: 'core.manual-trigger' },
    ...(options.before === undefined ? [] : [{ id: 'before', ...options.before }]),
    { id: 'leak', ...node },
    { id: 'result', type: 'core.output', config: { name: 'result' } },
  ];
  const chain = nodes.map((each) => each.id);
  const edges = chain.slice(1).map((to, i) => `${chain[i]}.out -> ${to}.in`);
  await served.client.call('workflows.save', { workflow: workflowOf(id, nodes, edges) });
  const { runId } = await served.client.call('runs.start', { workflowId: id, inputs: options.inputs ?? {} });
  await served.watch(runId);
  await served.waitForWatchEnd(runId, 1, options.timeoutMs);
  const { run } = await served.client.call('runs.get', { runId });
  // The watch ends with the last event; what the host writes after it (the audit trail's secret reads) is done once
  // runs.changed says so, and only then does a scan of the data folder see everything the run wrote.
  await served.waitForStatus(runId, run.status, options.timeoutMs);
  return { runId, status: run.status, events: pushedEvents(served, runId) };
}

/** The error the node failed with, as pushed to the client. */
export function errorOf(events: EngineEvent[], nodeId: string): EngineEvent | undefined {
  return events.find((event) => event.type === 'node.error' && event.nodeId === nodeId);
}

/** Asserts that no file under the data folder and no pushed message holds the secret, in any of `forms`. */
export async function expectNowhere(served: ServedForTest, forms: string[], minFiles = 4): Promise<void> {
  expect(await countFiles(served.dataDir)).toBeGreaterThanOrEqual(minFiles);
  expect(served.rawMessages.length).toBeGreaterThan(3);
  for (const form of forms) {
    expect(await filesHolding(served.dataDir, form), form).toEqual([]);
    expect(messagesHolding(served.rawMessages, form), form).toEqual([]);
  }
}
