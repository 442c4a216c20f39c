import path from 'node:path';
import { OperonError } from '../../../src-shared/errors/operon-error.ts';
import { POLICY_FILE, TenantPolicySchema, type TenantPolicy } from '../../../src-shared/policy/policy-schema.ts';
import { writeFileAtomic } from '../atomic-write.ts';
import { readCheckedJson } from '../checked-json-file.ts';

/** Where a workspace's policy is kept. */
export function policyFile(workspaceRoot: string): string {
  return path.join(workspaceRoot, POLICY_FILE);
}

/**
 * The workspace's policy, or undefined when it has no policy.json (the one-person local setup: nothing is checked).
 * A damaged file is OPR-260 naming the file and the fields: nothing runs until a person repairs it.
 */
export async function readPolicy(workspaceRoot: string): Promise<TenantPolicy | undefined> {
  const file = policyFile(workspaceRoot);
  return readCheckedJson(file, TenantPolicySchema.optional(), {
    missing: () => undefined,
    damaged: (reason) => new OperonError('OPR-260', `${file}: ${reason}`, { details: { file } }),
    unreadableIsDamaged: true,
  });
}

/** Checks a policy document given by a person (OPR-260 naming the fields) and returns it with its defaults. */
export function checkPolicy(document: unknown, source: string): TenantPolicy {
  const checked = TenantPolicySchema.safeParse(document);
  if (checked.success) return checked.data;
  const reasons = checked.error.issues.map((issue) => `${issue.path.join('.') || '(top level)'}: ${issue.message}`).join('; ');
  throw new OperonError('OPR-260', `${source}: ${reasons}`);
}

/** Writes the workspace's policy (checked first), atomically: a reader sees the old policy or the new one. */
export async function writePolicy(workspaceRoot: string, document: unknown): Promise<TenantPolicy> {
  const policy = checkPolicy(document, 'the policy');
  await writeFileAtomic(policyFile(workspaceRoot), `${JSON.stringify(policy, null, 2)}\n`);
  return policy;
}
