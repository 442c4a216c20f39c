import { ApiError } from '../../src-shared/api/errors.ts';
import { planPartialRun, type PartialRunPlan, type PastRun, type PinnedOutput } from '../../src-shared/engine/modes/partial-run.ts';
import type { Sandbox } from '../../src-shared/services/sandbox.ts';
import type { Problem } from '../../src-shared/errors/operon-error.ts';
import { checkRunInputs, unknownInputProblems } from '../../src-shared/workflow/run-inputs.ts';
import type { Workflow } from '../../src-shared/workflow/schema.ts';

export interface StartPlanOptions {
  /** The validated workflow to run. */
  workflow: Workflow;
  inputs: Record<string, unknown> | undefined;
  /** The workflow's pins, for a design run. */
  pins?: Readonly<Record<string, PinnedOutput>>;
  /** Re-run from `nodeId`, reusing `past`'s outputs upstream. */
  from?: { nodeId: string; past: PastRun };
  to?: string;
  /** Where an inputs schema with a `pattern` is checked, so a catastrophic regex cannot hold the host's event loop. */
  sandbox: Sandbox;
}

export interface StartPlan {
  /** Checked run inputs (defaults filled): the given ones, else the past run's. */
  inputs: Record<string, unknown>;
  /** Set for a partial run or a design run with pins. */
  plan?: PartialRunPlan;
  /** Inputs the schema does not declare (OPR-205), passed on all the same; absent when there are none. */
  warnings?: Problem[];
}

/**
 * What `runs.start` runs: the inputs (a run from a node takes its past run's unless given) and the partial run plan.
 * OPR-159 for a past run of another workflow or a node the workflow does not have; OPR-030 for inputs that do not fit (OPR-205 for undeclared ones a schema forbids;
 * undeclared ones it allows come back as `warnings`),
 * or whose schema's patterns take longer than `INPUTS_CHECK_MS` to check (they run in `sandbox`, see `checkRunInputs`).
 */
export async function planStart(options: StartPlanOptions): Promise<StartPlan> {
  const { workflow, from, to, pins } = options;
  if (from !== undefined && from.past.workflow.id !== workflow.id)
    throw new ApiError('OPR-159', `run ${from.past.runId} ran workflow "${from.past.workflow.id}", not "${workflow.id}"`);
  const pastInputs = from?.past.events.find((event) => event.type === 'run.started')?.inputs;
  const given = options.inputs ?? pastInputs ?? {};
  const runInputs = await checkRunInputs(options.sandbox, setTimer, workflow, given);
  if (!runInputs.ok) {
    const unknownOnly = runInputs.problems.every((problem) => problem.code === 'OPR-205');
    throw new ApiError(unknownOnly ? 'OPR-205' : 'OPR-030', `the run inputs do not match the inputs schema of workflow "${workflow.id}"`, {
      problems: runInputs.problems,
    });
  }
  const unknown = unknownInputProblems(workflow, given);
  const warnings = unknown.length === 0 ? {} : { warnings: unknown };
  const pinned = pins === undefined || Object.keys(pins).length === 0 ? undefined : pins;
  if (from === undefined && to === undefined && pinned === undefined) return { inputs: runInputs.inputs, ...warnings };
  const plan = planPartialRun({
    workflow,
    inputs: runInputs.inputs,
    ...(from === undefined ? {} : { fromNode: from.nodeId, past: from.past }),
    ...(to === undefined ? {} : { toNode: to }),
    ...(pinned === undefined ? {} : { pins: pinned }),
  });
  return { inputs: runInputs.inputs, plan, ...warnings };
}

function setTimer(ms: number, fn: () => void): () => void {
  const timer = setTimeout(fn, ms);
  return () => clearTimeout(timer);
}
