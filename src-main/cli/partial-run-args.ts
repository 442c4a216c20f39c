import pc from 'picocolors';
import type { PartialRunPlan } from '../../src-shared/engine/modes/partial-run.ts';
import { OperonError } from '../../src-shared/errors/operon-error.ts';

/** `operon run`'s partial run flags. */
export interface PartialRunArgs {
  fromRun?: string;
  fromNode?: string;
  toNode?: string;
}

/** What to re-run: from a node of a past run, and/or up to a node. OPR-159 when only one of --from-run and --from-node is given. */
export function readPartialRunArgs(args: PartialRunArgs): { from?: { runId: string; nodeId: string }; to?: string } {
  if ((args.fromRun === undefined) !== (args.fromNode === undefined))
    throw new OperonError('OPR-159', '--from-run and --from-node go together: the past run to reuse and the node to re-run from');
  return {
    ...(args.fromRun === undefined || args.fromNode === undefined ? {} : { from: { runId: args.fromRun, nodeId: args.fromNode } }),
    ...(args.toNode === undefined ? {} : { to: args.toNode }),
  };
}

/** The plan for a person, before the run: the nodes reused from the past run, and those that run again anyway and why. */
export function describePartialRun(plan: PartialRunPlan, args: { from?: { runId: string; nodeId: string }; to?: string }): string[] {
  const lines: string[] = [];
  if (args.from !== undefined) {
    const reused = plan.reused.length === 0 ? 'none' : plan.reused.join(', ');
    lines.push(`${pc.blue('⇢ reused')} from run ${args.from.runId}: ${reused}`);
    lines.push(`${pc.cyan('● re-run')} from "${args.from.nodeId}" and everything downstream of it`);
    for (const { nodeId, reason } of plan.rerun) lines.push(`${pc.yellow('● re-run')} ${nodeId}: ${reason}`);
  }
  if (args.to !== undefined) lines.push(`${pc.dim('■ stop')} at "${args.to}": only it and the nodes it depends on run`);
  return lines;
}
