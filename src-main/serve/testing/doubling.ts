import { workflowOf } from './test-server.ts';

/** start -> double (n * 2) -> plusOne -> result: the API tests' small workflow to pause, step and watch. */
export const doubling = workflowOf(
  'doubling',
  [
    { id: 'start', type: 'core.manual-trigger' },
    { id: 'double', type: 'core.transform', config: { expression: 'n * 2' } },
    { id: 'plusOne', type: 'core.transform', config: { expression: '$ + 1' } },
    { id: 'result', type: 'core.output', config: { name: 'result' } },
  ],
  ['start.out -> double.in', 'double.out -> plusOne.in', 'plusOne.out -> result.in'],
  { type: 'object', properties: { n: { type: 'number', default: 1 } } },
);

/** Whether an event is the pause of run `runId` before node `nodeId`. */
export const pausedAt = (runId: string, nodeId: string) => (event: { type: string; runId: string; nodeId?: string }) =>
  event.type === 'node.paused' && event.runId === runId && event.nodeId === nodeId;
