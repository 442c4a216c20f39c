import type { TenantPolicy } from '../../../src-shared/policy/policy-schema.ts';
import { createAuditLog } from '../audit/audit-log.ts';
import { ensureWorkspace, workspacePaths } from '../data-dir.ts';
import { readPolicy, writePolicy } from './policy-file.ts';

/**
 * Replaces a workspace's policy, as `policy.set` and `operon policy set` both do: checks it (OPR-260), writes it
 * atomically and records `policy.changed` in the audit trail, by `actor`, with the fields that changed. The old file
 * may be damaged: a person repairs it this way.
 */
export async function changePolicy(options: {
  dataDir: string;
  workspace: string;
  actor: string;
  document: unknown;
}): Promise<TenantPolicy> {
  const paths = workspacePaths(options.dataDir, options.workspace);
  await ensureWorkspace(paths);
  const before = await readPolicy(paths.root).catch(() => undefined);
  const policy = await writePolicy(paths.root, options.document);
  await createAuditLog({ workspace: options.workspace, workspaceRoot: paths.root }).record({
    actor: options.actor,
    action: 'policy.changed',
    target: 'policy',
    details: { changed: changedFields(before, policy) },
  });
  return policy;
}

/** The top-level fields whose value differs (all of them when there was no policy). */
function changedFields(before: TenantPolicy | undefined, after: TenantPolicy): string[] {
  return (Object.keys(after) as (keyof TenantPolicy)[]).filter(
    (key) => before === undefined || JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  );
}
