import type { Problem } from '../../src-shared/errors/operon-error.ts';
import type { NodeRegistry } from '../../src-shared/nodes/registry.ts';
import { providerProblems } from '../../src-shared/workflow/provider-problems.ts';
import type { Workflow } from '../../src-shared/workflow/schema.ts';
import { validateWorkflow } from '../../src-shared/workflow/validate.ts';

/** The open workflow's live check: the shared validation, and once the workspace's providers are known, OPR-180. */
export interface WorkflowCheck {
  /** Every problem of the workflow as it is now. */
  check: (workflow: Workflow) => readonly Problem[];
  /** The configured providers' names (from `providers.list`); until they arrive, providers are not checked. */
  setProviders: (names: readonly string[]) => void;
}

export function createWorkflowCheck(registry: NodeRegistry): WorkflowCheck {
  let providers: readonly string[] | undefined;
  return {
    check: (workflow) => {
      const result = validateWorkflow(workflow, registry);
      const problems = result.ok ? [] : result.problems;
      return providers === undefined ? problems : [...problems, ...providerProblems(workflow, registry, providers)];
    },
    setProviders: (names) => {
      providers = [...names];
    },
  };
}
