import type { Command } from 'commander';

/** Declares `operon policy show|set`; commands/policy.ts loads only when one runs. */
export function declarePolicy(program: Command): void {
  const policy = program
    .command('policy')
    .description("The workspace's tenant policy: models, budgets, node types, agent tools, HTTP egress, retention, webhook origins");
  const load = () => import('../commands/policy.ts');
  policy
    .command('show')
    .description('Print the policy with its defaults filled in, or say the workspace has none')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => (await load()).showPolicyCommand(options, command));
  policy
    .command('set')
    .description('Replace the policy with the JSON document in FILE (checked first; recorded in the audit trail)')
    .argument('<file>', 'a policy document (docs/policies.md)')
    .action(async (file: string, _options: unknown, command: Command) => (await load()).setPolicyCommand(file, command));
}
