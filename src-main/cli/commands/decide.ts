import type { Command } from 'commander';
import os from 'node:os';
import { OperonError } from '../../../src-shared/errors/operon-error.ts';
import { DecisionSchema } from '../../../src-shared/nodes/decision.ts';
import { describeJsonError } from '../../../src-shared/workflow/parse.ts';
import { openHost, type GlobalOptions } from '../cli-context.ts';
import { createProgressView } from '../progress-view.ts';
import { runUntilDone } from '../run-until-done.ts';

interface DecideOptions extends GlobalOptions {
  node?: string;
  comment?: string;
  by?: string;
  value?: string;
  json?: boolean;
}

/** `operon approve` and `operon reject`: record a decision on a waiting run and continue it here. */
export function registerDecide(program: Command): void {
  for (const decision of DecisionSchema.shape.decision.options) {
    const verb = decision === 'approved' ? 'approve' : 'reject';
    const command = program
      .command(verb)
      .description(
        `${decision === 'approved' ? 'Approve' : 'Reject'} a waiting run's pending decision and continue the run in this process`,
      )
      .argument('<runId>', 'the waiting run')
      .option('--node <id>', 'the waiting node (needed when several wait)')
      .option('--comment <text>', 'why (optional); recorded in the run log with the decision')
      .option('--by <name>', 'who decides (default: your user name)');
    if (decision === 'approved') command.option('--value <json>', 'approve with an edited value (JSON) in place of the proposed one');
    command
      .option('--json', 'print one JSON object and no progress')
      .action(async (runId: string, options: DecideOptions, cmd: Command) => {
        const all = { ...cmd.optsWithGlobals<GlobalOptions>(), ...options };
        const value = parseValue(all.value);
        const host = await openHost(all);
        const view = all.json === true ? undefined : createProgressView(process.stderr, process.stderr.isTTY, (text) => host.redact(text));
        process.exitCode = await runUntilDone(
          host,
          (signal) =>
            host.decide({
              runId,
              ...(all.node === undefined ? {} : { nodeId: all.node }),
              decision: {
                decision,
                by: all.by ?? os.userInfo().username,
                ...(all.comment === undefined ? {} : { comment: all.comment }),
                ...(value === undefined ? {} : { value: value.parsed }),
              },
              signal,
              ...(view === undefined ? {} : { onEvent: (event) => view.onEvent(event) }),
            }),
          view,
          all.json === true,
        );
      });
  }
}

function parseValue(text: string | undefined): { parsed: unknown } | undefined {
  if (text === undefined) return undefined;
  try {
    return { parsed: JSON.parse(text) as unknown };
  } catch (error) {
    throw new OperonError('OPR-030', `--value: ${describeJsonError(text, error)}`);
  }
}
