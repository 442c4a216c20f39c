import type { PastRun } from '../../src-shared/engine/modes/partial-run.ts';
import { OperonError } from '../../src-shared/errors/operon-error.ts';
import type { NodeRegistry } from '../../src-shared/nodes/registry.ts';
import { validateWorkflow } from '../../src-shared/workflow/validate.ts';
import { readEvents, readRun } from '../services/run-log/run-reader.ts';
import { hasRedactedSecret } from '../services/secrets.ts';

/**
 * A logged run to plan a partial run from (see partial-run.ts): its workflow snapshot, validated as the current
 * workflow is (so node configs compare with their defaults filled in), and its events with large values resolved
 * (reused outputs are passed on as values). OPR-150 when there is no such run; OPR-159 when its snapshot no longer
 * validates (a node type it used is gone, say), so nothing can be reused from it.
 */
export async function readPastRun(runsDir: string, runId: string, registry: NodeRegistry): Promise<PastRun> {
  const run = await readRun(runsDir, runId);
  const checked = validateWorkflow(run.workflow, registry);
  if (!checked.ok)
    throw new OperonError(
      'OPR-159',
      `run ${runId}: its workflow snapshot no longer validates, so nothing can be reused from it: ${checked.problems.map((p) => p.message).join('; ')}`,
    );
  const { events } = await readEvents(runsDir, runId, { resolveRefs: true });
  return {
    runId,
    workflow: checked.workflow,
    events: events.filter((event) => event.runId === runId),
    redacted: (outputs) => hasRedactedSecret(JSON.stringify(outputs)),
  };
}
