import type { TenantPolicy } from '../../../src-shared/policy/policy-schema.ts';
import { createEgressGuard, type EgressGuard } from './egress-guard.ts';
import { readPolicy } from './policy-file.ts';

/** A workspace's policy as last read, and the HTTP egress guard made from it. */
export interface PolicyHolder {
  current: () => TenantPolicy | undefined;
  /** The guard for the current policy, or undefined when the workspace has none. */
  egress: () => EgressGuard | undefined;
  /** Reads policy.json again (OPR-260 when it is damaged: the host reads it before every run, so none starts). */
  reload: () => Promise<void>;
  /** Closes the guard's connections (the host is closing). */
  close: () => Promise<void>;
}

export function createPolicyHolder(workspaceRoot: string): PolicyHolder {
  let policy: TenantPolicy | undefined;
  let guard: { for: string; guard: EgressGuard } | undefined;
  return {
    current: () => policy,
    egress: () => {
      if (policy === undefined) return undefined;
      const key = JSON.stringify(policy.http);
      if (guard?.for !== key) {
        void guard?.guard.close();
        guard = { for: key, guard: createEgressGuard(policy.http) };
      }
      return guard.guard;
    },
    reload: async () => {
      policy = await readPolicy(workspaceRoot);
    },
    close: async () => {
      await guard?.guard.close();
      guard = undefined;
    },
  };
}
