import type { Problem } from '../../../src-shared/errors/operon-error.ts';
import type { NodeRegistry } from '../../../src-shared/nodes/registry.ts';
import { TRIGGER_KINDS, type TriggerKind } from '../../../src-shared/triggers/service-schemas.ts';
import { nodeLabels } from '../../../src-shared/workflow/node-labels.ts';
import type { Workflow, WorkflowNode } from '../../../src-shared/workflow/schema.ts';
import type { ListenedTrigger } from './trigger-source.ts';

/** A trigger node with its kind and the label a person reads. */
export interface TriggerNode {
  node: WorkflowNode;
  kind: TriggerKind;
  label: string;
}

/** The workflow's trigger nodes a service listens to or starts from (every kind in TRIGGER_KINDS; not the manual one). */
export function triggerNodes(workflow: Workflow, registry: NodeRegistry): TriggerNode[] {
  const labels = nodeLabels(workflow.nodes, (type) => registry.get(type)?.title);
  return workflow.nodes.flatMap((node) => {
    const kind = (TRIGGER_KINDS as Record<string, TriggerKind | undefined>)[node.type];
    return kind === undefined ? [] : [{ node, kind, label: labels.get(node.id) ?? node.id }];
  });
}

/** What sources listen to for this workflow: its trigger nodes other than the Error trigger, configs parsed. */
export function listenedTriggers(
  workspace: string,
  workflow: Workflow,
  registry: NodeRegistry,
): (ListenedTrigger & { kind: TriggerKind })[] {
  return triggerNodes(workflow, registry)
    .filter((trigger) => trigger.kind !== 'error')
    .map(({ node, kind }) => {
      const parsed = registry.get(node.type)?.config.safeParse(node.config);
      const config = parsed?.success === true ? (parsed.data as Record<string, unknown>) : node.config;
      return { workspace, workflow, node, config, kind };
    });
}

/**
 * Why a valid workflow cannot be activated (OPR-231's problems): nothing to listen for (only a manual or an Error
 * trigger), or a Workflow finished trigger that follows the workflow itself (it would start itself for ever).
 */
export function activationProblems(workflow: Workflow, registry: NodeRegistry): Problem[] {
  const triggers = triggerNodes(workflow, registry);
  const listened = triggers.filter((trigger) => trigger.kind !== 'error');
  const problems: Problem[] = [];
  if (listened.length === 0)
    problems.push({
      code: 'OPR-231',
      path: 'nodes',
      message: triggers.some((trigger) => trigger.kind === 'error')
        ? `"${workflow.name}" only has an Error trigger: it starts when a workflow naming it as its error workflow fails, active or not`
        : `"${workflow.name}" has no trigger to listen for: add a Schedule, Webhook, File watch or Workflow finished trigger (the manual trigger only runs by hand)`,
    });
  for (const trigger of listened)
    if (trigger.kind === 'workflow' && trigger.node.config.workflowId === workflow.id)
      problems.push({
        code: 'OPR-231',
        nodeId: trigger.node.id,
        path: `nodes.${trigger.node.id}.config.workflowId`,
        message: `"${trigger.label}" follows this workflow itself: each run would start the next for ever`,
      });
  return problems;
}
