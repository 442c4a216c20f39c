import { createContext, useContext } from 'react';

/** Opens a workflow of the workspace by id (the workspace's `open`); the editor session is replaced. */
export type OpenWorkflow = (workflowId: string) => Promise<unknown>;

export const OpenWorkflowContext = createContext<OpenWorkflow | null>(null);

/** The workspace's way to open a workflow, or null outside an app that provides it. */
export function useOpenWorkflow(): OpenWorkflow | null {
  return useContext(OpenWorkflowContext);
}
