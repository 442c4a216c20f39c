import path from 'node:path';
import pc from 'picocolors';
import { loadWorkflowFile } from '../../host/workflow-files.ts';
import { registry } from '../cli-context.ts';
import { EXIT } from '../exit-codes.ts';
import { printProblems } from '../print-result.ts';

/** `operon validate FILE`: checks the workflow file and prints every problem, or that it is valid. */
export async function validateCommand(file: string, options: { json?: boolean }): Promise<void> {
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
}
