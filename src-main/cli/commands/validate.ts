import path from 'node:path';
import type { Command } from 'commander';
import pc from 'picocolors';
import { loadWorkflowFile } from '../../host/workflow-files.ts';
import { registry } from '../cli-context.ts';
import { EXIT } from '../exit-codes.ts';
import { printProblems } from '../print-result.ts';

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('Check a workflow file and list every problem with its node or edge id; runs nothing')
    .argument('<file>', 'the workflow file')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, options: { json?: boolean }) => {
      const result = await loadWorkflowFile(path.resolve(file), registry);
      if (!result.ok) {
        printProblems(result.problems, options.json === true, file);
        process.exitCode = EXIT.invalid;
        return;
      }
      const { workflow, migratedFrom } = result;
      if (options.json === true) {
        process.stdout.write(
          `${JSON.stringify({ status: 'valid', file, nodes: workflow.nodes.length, edges: workflow.edges.length, migratedFrom })}\n`,
        );
      } else {
        const migrated = migratedFrom < workflow.schemaVersion ? ` (migrated from schemaVersion ${migratedFrom})` : '';
        process.stdout.write(
          `${pc.green('✓ valid')}  ${file}: "${workflow.name}", ${workflow.nodes.length} nodes, ${workflow.edges.length} edges${migrated}\n`,
        );
      }
    });
}
