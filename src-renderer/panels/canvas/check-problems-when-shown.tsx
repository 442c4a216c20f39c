import { useNodesInitialized } from '@xyflow/react';
import { useCheckProblemsWhenShown } from '../../session/use-check-problems-when-shown.ts';

/**
 * Starts the opened workflow's first validation once React Flow has measured its nodes (or there are none). A component
 * of its own so that `nodesInitialized` flipping (a node added, not yet measured) re-renders nothing else.
 */
export function CheckProblemsWhenShown({ empty }: { empty: boolean }) {
  const measured = useNodesInitialized();
  useCheckProblemsWhenShown(measured || empty);
  return null;
}
