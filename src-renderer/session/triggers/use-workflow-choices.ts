import { useEffect, useState } from 'react';
import type { WorkflowSummary } from '../../../src-shared/api/schemas.ts';
import { errorMessage } from '../api-context.ts';
import { useApi } from '../workspace-context.ts';

export interface WorkflowChoices {
  workflows: readonly WorkflowSummary[];
  error: string | undefined;
}

/** The workspace's workflows by name, for a picker (the Workflow finished trigger, the error workflow setting). */
export function useWorkflowChoices(): WorkflowChoices {
  const api = useApi();
  const [state, setState] = useState<WorkflowChoices>({ workflows: [], error: undefined });
  useEffect(() => {
    let live = true;
    api
      .call('workflows.list', {})
      .then(
        ({ workflows }) => live && setState({ workflows: [...workflows].sort((a, b) => a.name.localeCompare(b.name)), error: undefined }),
      )
      .catch((error: unknown) => live && setState({ workflows: [], error: errorMessage(error) }));
    return () => {
      live = false;
    };
  }, [api]);
  return state;
}
