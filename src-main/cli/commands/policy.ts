import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { OperonError } from '../../../src-shared/errors/operon-error.ts';
import { localActor } from '../../services/audit/audit-log.ts';
import { workspacePaths } from '../../services/data-dir.ts';
import { changePolicy } from '../../services/policy/policy-change.ts';
import { policyFile, readPolicy } from '../../services/policy/policy-file.ts';
import { checkedContext, type GlobalOptions } from '../cli-context.ts';

/** `operon policy show`: the workspace's policy with its defaults, or that it has none. */
export async function showPolicyCommand(options: { json?: boolean }, command: Command): Promise<void> {
  const { dataDir, workspace } = await checkedContext(command.optsWithGlobals<GlobalOptions>());
  const policy = await readPolicy(workspacePaths(dataDir, workspace).root);
  if (options.json === true) {
    process.stdout.write(`${JSON.stringify({ workspace, policy: policy ?? null })}\n`);
    return;
  }
  if (policy === undefined) {
    process.stdout.write(
      `workspace ${workspace} has no policy: nothing is checked (the one-person local setup). Set one with operon policy set FILE (docs/policies.md).\n`,
    );
    return;
  }
  process.stdout.write(`${JSON.stringify(policy, null, 2)}\n`);
}

/** `operon policy set FILE`: checks the document (OPR-260 naming the fields), writes it and records policy.changed. */
export async function setPolicyCommand(file: string, command: Command): Promise<void> {
  const { dataDir, workspace } = await checkedContext(command.optsWithGlobals<GlobalOptions>());
  let document: unknown;
  try {
    document = JSON.parse(await readFile(path.resolve(file), 'utf8'));
  } catch (error) {
    throw new OperonError('OPR-260', `${file}: ${(error as Error).message}`);
  }
  let policy;
  try {
    policy = await changePolicy({ dataDir, workspace, actor: localActor(process.env), document });
  } catch (error) {
    // The check names the fields; say which file they are in.
    if (error instanceof OperonError && error.code === 'OPR-260')
      throw new OperonError('OPR-260', error.message.replace(/^the policy/, file));
    throw error;
  }
  process.stdout.write(`policy of workspace ${workspace} set from ${file} (${policyFile(workspacePaths(dataDir, workspace).root)})\n`);
  if (policy.nodeTypes !== undefined) process.stdout.write(`  node types allowed: ${policy.nodeTypes.join(', ') || 'none'}\n`);
  process.stdout.write(`  private networks: ${policy.http.allowPrivateNetworks ? 'allowed' : 'refused unless a host is listed by name'}\n`);
}
