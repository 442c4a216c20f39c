import type { WorkspaceApi } from './api-context.ts';

/** Reads pages of a run's stored large values (`runs.value`): what kit's value views are given to fetch them with. */
export function valuePageLoader(api: WorkspaceApi) {
  return ({ runId, ref, offset, limit }: { runId: string; ref: string; offset: number; limit: number }) =>
    api.call('runs.value', { runId, ref, offset, limit });
}
