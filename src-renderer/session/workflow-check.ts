import type { Problem } from '../../src-shared/errors/operon-error.ts';
import type { NodeRegistry } from '../../src-shared/nodes/registry.ts';
import { policyProblems } from '../../src-shared/policy/policy-problems.ts';
import type { TenantPolicy } from '../../src-shared/policy/policy-schema.ts';
import { providerProblems } from '../../src-shared/workflow/provider-problems.ts';
import type { Workflow } from '../../src-shared/workflow/schema.ts';
import { validateWorkflow } from '../../src-shared/workflow/validate.ts';

/**
 * The open workflow's live check: the shared validation; once the workspace's providers are known, OPR-180; once its
 * policy is known, what the policy refuses (OPR-261 to OPR-263: node types, providers, Agent tools).
 */
export interface WorkflowCheck {
  /** Every problem of the workflow as it is now. */
  check: (workflow: Workflow) => readonly Problem[];
  /** The configured providers' names (from `providers.list`); until they arrive, providers are not checked. */
  setProviders: (names: readonly string[]) => void;
  /** The workspace's policy (from `policy.get`; null: none, nothing refused); until it arrives, it is not checked. */
  setPolicy: (policy: TenantPolicy | null) => void;
  /**
   * The problems of `workflow` once the providers or the policy changed: the last validation's, which every change of the graph
   * reran (`check`), with the providers checked again; a 1,000-node workflow is not validated twice as it opens.
   */
  recheckProviders: (workflow: Workflow) => readonly Problem[];
}

export function createWorkflowCheck(registry: NodeRegistry): WorkflowCheck {
  let providers: readonly string[] | undefined;
  let policy: TenantPolicy | null = null;
  let validated: readonly Problem[] | undefined;
  const withProviders = (workflow: Workflow, problems: readonly Problem[]): readonly Problem[] => [
    ...problems,
    ...(providers === undefined ? [] : providerProblems(workflow, registry, providers)),
    ...(policy === null ? [] : policyProblems(workflow, policy, registry)),
  ];
  return {
    check: (workflow) => {
      const result = validateWorkflow(workflow, registry);
      validated = result.ok ? [] : result.problems;
      return withProviders(workflow, validated);
    },
    setProviders: (names) => {
      providers = [...names];
    },
    setPolicy: (given) => {
      policy = given;
    },
    recheckProviders: (workflow) => (validated === undefined ? withProviders(workflow, []) : withProviders(workflow, validated)),
  };
}
