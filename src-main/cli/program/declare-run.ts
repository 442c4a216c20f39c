import path from 'node:path';
import type { Command } from 'commander';
import type { GlobalOptions } from '../cli-context.ts';
import type { RunOptions } from '../commands/run.ts';
import { collect } from './collect.ts';

/** Declares `operon run`; what it does (commands/run.ts, the engine, the host) loads only when it runs. */
export function declareRun(program: Command): void {
  program
    .command('run')
    .description('Validate and run a workflow file, showing each node as it goes, then print the outputs')
    .argument('<file>', 'the workflow file (.operon.json)')
    .option('-i, --input <key=value>', "a run input (repeatable); typed by the workflow's inputs schema", collect, [])
    .option('--input-file <file>', 'run inputs as a JSON object (--input values win)')
    .option('--cache', 'reuse recorded node outputs whose type, config and inputs are unchanged')
    .option('--from-run <runId>', "re-run from --from-node, reusing this run's outputs upstream (and its inputs, unless given)")
    .option('--from-node <nodeId>', 'the node to re-run, with everything downstream of it (needs --from-run)')
    .option('--to-node <nodeId>', 'run only this node and the nodes it depends on')
    .option('--json', 'print one JSON object (runId, status, outputs, totals) and no progress')
    .action(async (file: string, options: RunOptions, command: Command) => {
      const { runCommand } = await import('../commands/run.ts');
      process.exitCode = await runCommand(path.resolve(file), { ...command.optsWithGlobals<GlobalOptions>(), ...options });
    });
}
