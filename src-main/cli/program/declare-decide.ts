import type { Command } from 'commander';
import type { GlobalOptions } from '../cli-context.ts';
import type { DecideOptions } from '../commands/decide.ts';
import type { Decision } from '../../../src-shared/nodes/decision.ts';

/** The command for each decision (every decision of DecisionSchema has one, or this does not type-check). */
const VERBS: Record<Decision['decision'], string> = { approved: 'approve', rejected: 'reject' };

/** Declares `operon approve` and `operon reject`; commands/decide.ts (the host, the engine) loads only when one runs. */
export function declareDecide(program: Command): void {
  for (const [decision, verb] of Object.entries(VERBS) as [Decision['decision'], string][]) {
    const command = program
      .command(verb)
      .description(
        `${decision === 'approved' ? 'Approve' : 'Reject'} a waiting run's pending decision and continue the run in this process`,
      )
      .argument('<runId>', 'the waiting run')
      .option('--node <id>', 'the waiting node (needed when several wait)')
      .option('--comment <text>', 'why (optional); recorded in the run log with the decision');
    if (decision === 'approved') command.option('--value <json>', 'approve with an edited value (JSON) in place of the proposed one');
    command
      .option('--json', 'print one JSON object and no progress')
      .action(async (runId: string, options: DecideOptions, cmd: Command) => {
        const { decideCommand } = await import('../commands/decide.ts');
        process.exitCode = await decideCommand(decision, runId, { ...cmd.optsWithGlobals<GlobalOptions>(), ...options });
      });
  }
}
