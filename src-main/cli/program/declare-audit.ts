import type { Command } from 'commander';

/** Declares `operon audit …`; commands/audit.ts loads only when one runs. */
export function declareAudit(program: Command): void {
  const audit = program
    .command('audit')
    .description("The workspace's audit trail: who did what and when, each entry chained to the one before it by its SHA-256");
  const load = () => import('../commands/audit.ts');

  audit
    .command('verify')
    .description('Check the chain: exit 0 when it holds, 1 naming the first line that was changed, removed or moved')
    .option('--json', 'print the verdict as JSON')
    .action(async (options: { json?: boolean }, command: Command) => (await load()).verifyAuditCommand(options, command));

  audit
    .command('export')
    .description('Print the entries, oldest first, for a compliance review')
    .option('--format <format>', 'jsonl or csv', 'jsonl')
    .option('--since <time>', 'from this date or time (ISO 8601: 2026-12-01 or 2026-12-01T09:00Z)')
    .option('--until <time>', 'up to this date or time (a date alone means its end)')
    .action(async (options: { format: string; since?: string; until?: string }, command: Command) =>
      (await load()).exportAuditCommand(options, command),
    );
}
