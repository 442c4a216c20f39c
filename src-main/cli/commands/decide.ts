import { localActor } from '../../services/audit/audit-log.ts';
import { OperonError } from '../../../src-shared/errors/operon-error.ts';
import type { Decision } from '../../../src-shared/nodes/decision.ts';
import { describeJsonError } from '../../../src-shared/workflow/parse.ts';
import { openHost, type GlobalOptions } from '../cli-context.ts';
import { createProgressView } from '../progress-view.ts';
import { runUntilDone } from '../run-until-done.ts';

export interface DecideOptions extends GlobalOptions {
  node?: string;
  comment?: string;
  value?: string;
  json?: boolean;
}

/** `operon approve|reject RUN`: records the decision on the waiting run and continues it here; returns the exit code. */
export async function decideCommand(decision: Decision['decision'], runId: string, all: DecideOptions): Promise<number> {
  const value = parseValue(all.value);
  const host = await openHost(all);
  const view = all.json === true ? undefined : await createProgressView(process.stderr, process.stderr.isTTY, (text) => host.redact(text));
  return runUntilDone(
    host,
    (signal) =>
      host.decide({
        runId,
        ...(all.node === undefined ? {} : { nodeId: all.node }),
        decision: {
          decision,
          // The local user decides (OPERON_USER, else the OS user): who decides is not an option, or four-eyes could be
          // passed by naming someone else.
          by: localActor(process.env),
          ...(all.comment === undefined ? {} : { comment: all.comment }),
          ...(value === undefined ? {} : { value: value.parsed }),
        },
        signal,
        ...(view === undefined ? {} : { onEvent: (event) => view.onEvent(event) }),
      }),
    view,
    all.json === true,
  );
}

function parseValue(text: string | undefined): { parsed: unknown } | undefined {
  if (text === undefined) return undefined;
  try {
    return { parsed: JSON.parse(text) as unknown };
  } catch (error) {
    throw new OperonError('OPR-030', `--value: ${describeJsonError(text, error)}`);
  }
}
