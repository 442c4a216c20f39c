import { ApiError } from '../../../src-shared/api/errors.ts';
import type { NodeRegistry } from '../../../src-shared/nodes/registry.ts';
import { policyProblems } from '../../../src-shared/policy/policy-problems.ts';
import { validateWorkflow } from '../../../src-shared/workflow/validate.ts';
import { readPolicy } from '../../services/policy/policy-file.ts';
import type { WorkflowStore } from '../../services/workflow-store.ts';
import type { ActivationRecord, ActivationStore } from './activation-store.ts';
import { plural } from './dispatcher.ts';
import { activationProblems } from './trigger-nodes.ts';

/**
 * Activates or deactivates a stored workflow, as the editor (`triggers.setActive`) and `operon activate|deactivate`
 * both do: activating validates it first and refuses (OPR-231, with the problems) one that is invalid, has nothing
 * to listen for, or that the workspace policy refuses. A running service picks the change up from the activation file.
 */
export async function changeActivation(
  deps: {
    workflows: WorkflowStore;
    activation: ActivationStore;
    registry: NodeRegistry;
    /** The workspace folder, whose policy.json (if any) the workflow must keep to. */
    workspaceRoot?: string;
  },
  workflowId: string,
  active: boolean,
  by: string,
): Promise<ActivationRecord> {
  const document = await deps.workflows.read(workflowId);
  if (active) {
    const checked = validateWorkflow(document, deps.registry);
    const policy = deps.workspaceRoot === undefined ? undefined : await readPolicy(deps.workspaceRoot);
    const problems = checked.ok
      ? [
          ...activationProblems(checked.workflow, deps.registry),
          ...(policy === undefined ? [] : policyProblems(checked.workflow, policy, deps.registry)),
        ]
      : checked.problems;
    if (problems.length > 0)
      throw new ApiError('OPR-231', `"${document.name}" cannot be activated: it has ${plural(problems.length, 'problem')}`, { problems });
  }
  const record = { active, changedAt: Date.now(), changedBy: by };
  await deps.activation.set(workflowId, record);
  return record;
}
