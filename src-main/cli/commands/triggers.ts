import path from 'node:path';
import type { Command } from 'commander';
import pc from 'picocolors';
import { OperonError } from '../../../src-shared/errors/operon-error.ts';
import type { Firing } from '../../../src-shared/triggers/service-schemas.ts';
import { nodeLabels } from '../../../src-shared/workflow/node-labels.ts';
import { workspacePaths } from '../../services/data-dir.ts';
import { createWorkflowStore } from '../../services/workflow-store.ts';
import { createAuditLog, localActor } from '../../services/audit/audit-log.ts';
import { changeActivation } from '../../host/triggers/activation.ts';
import { createActivationStore } from '../../host/triggers/activation-store.ts';
import { plural } from '../../host/triggers/dispatcher.ts';
import { createFiringLog } from '../../host/triggers/firing-log.ts';
import { triggerNodes } from '../../host/triggers/trigger-nodes.ts';
import { checkedContext, registry, resolveContext, type GlobalOptions } from '../cli-context.ts';
import { formatTime } from '../format-values.ts';

/** `operon activate|deactivate WORKFLOW`: OPR-231 (exit 2) with the problems when it cannot be activated. */
export async function activateCommand(workflowId: string, active: boolean, command: Command): Promise<void> {
  const { dataDir, workspace } = await checkedContext(command.optsWithGlobals<GlobalOptions>());
  const paths = workspacePaths(dataDir, workspace);
  const workflows = createWorkflowStore(paths.workflows);
  const activation = createActivationStore(path.join(paths.root, 'service'));
  const actor = localActor(process.env);
  await changeActivation({ workflows, activation, registry, workspaceRoot: paths.root }, workflowId, active, actor);
  await createAuditLog({ workspace, workspaceRoot: paths.root }).record({
    actor,
    action: active ? 'workflow.activated' : 'workflow.deactivated',
    target: `workflow:${workflowId}`,
  });
  const workflow = await workflows.read(workflowId);
  if (!active) {
    process.stdout.write(`"${workflow.name}" is inactive: its triggers no longer listen\n`);
    return;
  }
  const triggers = triggerNodes(workflow, registry).filter((trigger) => trigger.kind !== 'error');
  process.stdout.write(
    `"${workflow.name}" is active: ${plural(triggers.length, 'trigger')} (${triggers.map((trigger) => trigger.label).join(', ')}) listen while \`operon serve\` runs\n`,
  );
}

/** `operon triggers log`: the workspace's firing log, newest first, as a table or JSON. */
export async function triggersLogCommand(options: { workflow?: string; limit: number; json?: boolean }, command: Command): Promise<void> {
  const { dataDir, workspace } = resolveContext(command.optsWithGlobals<GlobalOptions>());
  if (!Number.isInteger(options.limit) || options.limit < 1) throw new OperonError('OPR-171', '--limit must be a positive whole number');
  const paths = workspacePaths(dataDir, workspace);
  const firings = await createFiringLog(path.join(paths.root, 'service')).read({
    limit: options.limit,
    ...(options.workflow === undefined ? {} : { workflowId: options.workflow }),
  });
  if (options.json === true) {
    process.stdout.write(`${JSON.stringify({ firings })}\n`);
    return;
  }
  if (firings.length === 0) {
    process.stdout.write('no firings yet\n');
    return;
  }
  const names = await namesOf(paths.workflows, firings);
  const rows = firings.map((firing) => {
    const names_ = names.get(firing.workflowId);
    return {
      time: formatTime(firing.at),
      workflow: names_?.name ?? firing.workflowId,
      trigger: firing.nodeId === '' ? firing.kind : (names_?.labels.get(firing.nodeId) ?? firing.nodeId),
      size: describeSize(firing.payloadBytes),
      outcome: firing.outcome,
      what: firing.runId ?? `${firing.code === undefined ? '' : `${firing.code} `}${firing.reason ?? ''}`,
    };
  });
  const width = (key: keyof (typeof rows)[number], title: string) => Math.max(title.length, ...rows.map((row) => row[key].length));
  const w = { workflow: width('workflow', 'workflow'), trigger: width('trigger', 'trigger'), size: width('size', 'payload') };
  process.stdout.write(
    pc.dim(
      `${'time'.padEnd(20)}  ${'workflow'.padEnd(w.workflow)}  ${'trigger'.padEnd(w.trigger)}  ${'payload'.padStart(w.size)}  ${'outcome'.padEnd(8)}  run or reason\n`,
    ),
  );
  for (const row of rows) {
    const colour =
      row.outcome === 'started' ? pc.green : row.outcome === 'queued' ? pc.cyan : row.outcome === 'skipped' ? pc.yellow : pc.red;
    process.stdout.write(
      `${row.time}  ${row.workflow.padEnd(w.workflow)}  ${row.trigger.padEnd(w.trigger)}  ${row.size.padStart(w.size)}  ${colour(row.outcome.padEnd(8))}  ${row.what}\n`,
    );
  }
}

/** Each firing's workflow name and node labels, read once per workflow (a deleted workflow keeps its id). */
async function namesOf(folder: string, firings: readonly Firing[]) {
  const store = createWorkflowStore(folder);
  const names = new Map<string, { name: string; labels: Map<string, string> }>();
  for (const id of new Set(firings.map((firing) => firing.workflowId))) {
    const workflow = await store.read(id).catch(() => undefined);
    if (workflow !== undefined)
      names.set(id, { name: workflow.name, labels: nodeLabels(workflow.nodes, (type) => registry.get(type)?.title) });
  }
  return names;
}

function describeSize(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}
