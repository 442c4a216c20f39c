import { workspacePaths } from '../../services/data-dir.ts';
import { changePolicy } from '../../services/policy/policy-change.ts';
import { readPolicy } from '../../services/policy/policy-file.ts';
import type { ApiContext, CallImpls } from './call-types.ts';

/** `policy.get` and `policy.set`, for one connection: a change is recorded in the audit trail as done by `actor`. */
export function policyCalls(context: Pick<ApiContext, 'dataDir'>, actor: string): CallImpls<'policy.get' | 'policy.set'> {
  return {
    'policy.get': async ({ workspace }) => ({ policy: (await readPolicy(workspacePaths(context.dataDir, workspace).root)) ?? null }),
    'policy.set': async ({ workspace, policy }) => ({
      policy: await changePolicy({ dataDir: context.dataDir, workspace, actor, document: policy }),
    }),
  };
}
