import path from 'node:path';
import { z } from 'zod';
import { workspacePaths } from '../../../services/data-dir.ts';
import { createStateFile, type StateFile } from './state-file.ts';

/**
 * `<workspace>/service/schedule-state.json`: the last tick each Schedule trigger fired for (ms), by workflow and node.
 * After a restart it tells which ticks were missed while Operon was down; a workflow deactivated is forgotten (ticks
 * while it was inactive were not missed).
 */
const ScheduleStateSchema = z.object({
  version: z.literal(1),
  lastTicks: z.record(z.string(), z.record(z.string(), z.number())),
});
type ScheduleState = z.infer<typeof ScheduleStateSchema>;

export interface ScheduleStateStore {
  lastTick(workspace: string, workflowId: string, nodeId: string): Promise<number | undefined>;
  setLastTick(workspace: string, workflowId: string, nodeId: string, tick: number): Promise<void>;
  /** Forgets a workflow's triggers except `keep` (deactivated, or trigger nodes removed from it). */
  forget(workspace: string, workflowId: string, keep: ReadonlySet<string>): Promise<void>;
  flush(): Promise<void>;
}

export function createScheduleStateStore(dataDir: string, log: (line: string) => void): ScheduleStateStore {
  const files = new Map<string, { file: StateFile<ScheduleState>; state: Promise<ScheduleState> }>();

  const open = (workspace: string): { file: StateFile<ScheduleState>; state: Promise<ScheduleState> } => {
    let entry = files.get(workspace);
    if (entry === undefined) {
      const file = createStateFile({
        file: path.join(workspacePaths(dataDir, workspace).root, 'service', 'schedule-state.json'),
        schema: ScheduleStateSchema,
        empty: (): ScheduleState => ({ version: 1, lastTicks: {} }),
        log,
      });
      entry = { file, state: file.read() };
      files.set(workspace, entry);
    }
    return entry;
  };

  return {
    async lastTick(workspace, workflowId, nodeId) {
      const state = await open(workspace).state;
      return state.lastTicks[workflowId]?.[nodeId];
    },
    async setLastTick(workspace, workflowId, nodeId, tick) {
      const { file, state: reading } = open(workspace);
      const state = await reading;
      state.lastTicks[workflowId] = { ...state.lastTicks[workflowId], [nodeId]: tick };
      file.save(state);
    },
    async forget(workspace, workflowId, keep) {
      const { file, state: reading } = open(workspace);
      const state = await reading;
      const ticks = state.lastTicks[workflowId];
      if (ticks === undefined) return;
      const kept = Object.fromEntries(Object.entries(ticks).filter(([nodeId]) => keep.has(nodeId)));
      if (Object.keys(kept).length === Object.keys(ticks).length) return;
      if (Object.keys(kept).length === 0) delete state.lastTicks[workflowId];
      else state.lastTicks[workflowId] = kept;
      file.save(state);
    },
    async flush() {
      await Promise.all([...files.values()].map((entry) => entry.file.flush()));
    },
  };
}
