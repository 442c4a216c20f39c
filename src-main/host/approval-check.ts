import { ROLES, type Role } from '../../src-shared/api/permissions.ts';
import { OperonError } from '../../src-shared/errors/operon-error.ts';
import { approvalGuardOf } from '../../src-shared/nodes/approval-guard.ts';
import type { RunInfo } from '../services/run-log/run-reader.ts';

/** Who decides: the actor the decision records, and their role in the run's workspace (the local setup: owner). */
export interface Decider {
  by: string;
  role?: Role;
}

/**
 * Refuses a decision on `nodeId` of the waiting run that the node's approval guard does not allow: a decider whose
 * role is below the node's Required role (OPR-271), or, under four-eyes, the person who started the run (OPR-272).
 * Returns the node's label (its id when it has none), for the decision's audit entry.
 */
export function checkDecider(run: RunInfo, nodeId: string, decider: Decider): string {
  const guard = approvalGuardOf(nodeConfig(run.workflow, nodeId));
  const role = decider.role ?? 'owner';
  const label = nodeLabel(run.workflow, nodeId);
  if (guard.requireRole !== undefined && ROLES.indexOf(role) > ROLES.indexOf(guard.requireRole))
    throw new OperonError(
      'OPR-271',
      `"${label}" may be decided by ${guard.requireRole === 'owner' ? 'an owner only' : 'an approver or an owner'}; ${decider.by} is ${article(role)} ${role} in this workspace`,
    );
  if (guard.fourEyes && run.startedBy !== undefined && run.startedBy === decider.by)
    throw new OperonError('OPR-272', `"${label}" needs four eyes: ${decider.by} started this run, so someone else must decide it`);
  return label;
}

function article(role: Role): string {
  return role === 'owner' || role === 'editor' || role === 'operator' || role === 'approver' ? 'an' : 'a';
}

interface SnapshotNode {
  id?: unknown;
  label?: unknown;
  config?: unknown;
}

function snapshotNode(workflow: unknown, nodeId: string): SnapshotNode | undefined {
  const nodes = typeof workflow === 'object' && workflow !== null && 'nodes' in workflow ? workflow.nodes : undefined;
  if (!Array.isArray(nodes)) return undefined;
  return (nodes as SnapshotNode[]).find((node) => typeof node === 'object' && node !== null && node.id === nodeId);
}

function nodeConfig(workflow: unknown, nodeId: string): unknown {
  return snapshotNode(workflow, nodeId)?.config;
}

function nodeLabel(workflow: unknown, nodeId: string): string {
  const label = snapshotNode(workflow, nodeId)?.label;
  return typeof label === 'string' && label.trim() !== '' ? label : nodeId;
}
