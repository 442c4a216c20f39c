import type { NodeDiff } from '../../../src-shared/run-log/compare-runs-schema.ts';
import { compareRuns } from '../../../src-shared/run-log/compare-runs.ts';
import { nodeMeasures, type NodeMeasure } from '../../../src-shared/run-log/node-measures.ts';
import type { TitleOf } from '../../../src-shared/workflow/node-labels.ts';
import { snapshotLabels } from './snapshot-labels.ts';
import { readEvents, readRun, summarizeRun, type RunSummary } from './run-reader.ts';

/** Two runs compared: their summaries, which nodes differ (`runs.compare`'s answer), and each node's measures. */
export interface RunComparison {
  a: RunSummary;
  b: RunSummary;
  nodes: NodeDiff[];
  measures: { a: Map<string, NodeMeasure>; b: Map<string, NodeMeasure> };
  /** The nodes' labels in the workflows the runs ran (B's where they differ). */
  labels: Map<string, string>;
}

/** Reads two runs of `runsDir` and compares them, for `runs.compare` and `operon runs compare`. OPR-150 for a missing run. */
export async function readRunComparison(runsDir: string, a: string, b: string, titleOf?: TitleOf): Promise<RunComparison> {
  const [runA, runB, logA, logB] = await Promise.all([
    readRun(runsDir, a),
    readRun(runsDir, b),
    readEvents(runsDir, a),
    readEvents(runsDir, b),
  ]);
  return {
    a: summarizeRun(runA),
    b: summarizeRun(runB),
    nodes: compareRuns(logA.events, logB.events),
    measures: { a: nodeMeasures(logA.events), b: nodeMeasures(logB.events) },
    labels: new Map([...snapshotLabels(runA.workflow, titleOf), ...snapshotLabels(runB.workflow, titleOf)]),
  };
}
