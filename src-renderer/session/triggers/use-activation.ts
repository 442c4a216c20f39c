import { useCallback } from 'react';
import type { Activation } from '../../../src-shared/triggers/service-schemas.ts';
import type { Catalogue } from '../../editor/catalogue.ts';
import type { EditorSession } from '../editor-context.ts';
import { useApi, useWorkspaceStores } from '../workspace-context.ts';
import { useStore } from 'zustand';
import type { ActivationResult, TriggerState } from './trigger-store.ts';

/** A narrow selection from the workspace's trigger store. */
export function useTriggerStore<T>(selector: (state: TriggerState) => T): T {
  return useStore(useWorkspaceStores().triggers, selector);
}

/** One workflow's activation (undefined while unread, or for a workflow with no trigger the service listens for). */
export function useActivation(workflowId: string | undefined): Activation | undefined {
  return useTriggerStore((s) => (workflowId === undefined ? undefined : s.activations.get(workflowId)));
}

/**
 * Turns a workflow's triggers on or off. The open workflow's unsaved edits are saved first (the service listens to the
 * stored file); a refusal answers its problems, nodes named by their labels.
 */
export function useSetActive(
  catalogue: Catalogue | undefined,
  open: EditorSession | undefined,
): (workflowId: string, active: boolean) => Promise<ActivationResult> {
  const { triggers } = useWorkspaceStores();
  return useCallback(
    async (workflowId, active) => {
      if (active && open?.workflowId === workflowId && open.store.getState().ui.dirty && !(await open.save()))
        return { ok: false, message: 'The workflow could not be saved, so it was not activated.', problems: [] };
      return triggers.getState().setActive(workflowId, active, (type) => catalogue?.get(type)?.title);
    },
    [triggers, catalogue, open],
  );
}

/** The open workspace's name, as webhook URLs carry it. */
export function useWorkspaceName(): string {
  return useApi().workspace;
}
