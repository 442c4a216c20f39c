import path from 'node:path';
import pc from 'picocolors';
import { loadWorkflowFile } from '../../host/workflow-files.ts';
import { formatProblem, OperonError, type Problem } from '../../../src-shared/errors/operon-error.ts';
import { policyProblems } from '../../../src-shared/policy/policy-problems.ts';
import { providerProblems } from '../../../src-shared/workflow/provider-problems.ts';
import type { Workflow } from '../../../src-shared/workflow/schema.ts';
import { workspacePaths } from '../../services/data-dir.ts';
import { loadProviders } from '../../services/llm/providers.ts';
import { readPolicy } from '../../services/policy/policy-file.ts';
import { registry, resolveContext, type GlobalOptions } from '../cli-context.ts';
import { EXIT } from '../exit-codes.ts';
import { printProblems } from '../print-result.ts';

/**
 * `operon validate FILE`: checks the workflow file, and what the workspace policy refuses in it, and prints every problem,
 * or that it is valid (with warnings).
 */
export async function validateCommand(file: string, options: { json?: boolean }, globals: GlobalOptions): Promise<void> {
  const result = await loadWorkflowFile(path.resolve(file), registry);
  if (!result.ok) {
    printProblems(result.problems, options.json === true, file);
    process.exitCode = EXIT.invalid;
    return;
  }
  const { workflow, migratedFrom } = result;
  // What the workspace policy refuses is an error: activation and runs refuse it too.
  const { dataDir, workspace } = resolveContext(globals);
  const policy = await readPolicy(workspacePaths(dataDir, workspace).root);
  const refused = policy === undefined ? [] : policyProblems(workflow, policy, registry);
  if (refused.length > 0) {
    printProblems(refused, options.json === true, file);
    process.exitCode = EXIT.invalid;
    return;
  }
  const warnings = await configuredProviderWarnings(workflow, globals);
  if (options.json === true) {
    const counts = { nodes: workflow.nodes.length, edges: workflow.edges.length };
    process.stdout.write(`${JSON.stringify({ status: 'valid', file, ...counts, migratedFrom, warnings })}\n`);
  } else {
    const migrated = migratedFrom < workflow.schemaVersion ? ` (migrated from schemaVersion ${migratedFrom})` : '';
    process.stdout.write(
      `${pc.green('✓ valid')}  ${file}: "${workflow.name}", ${workflow.nodes.length} nodes, ${workflow.edges.length} edges${migrated}\n`,
    );
    for (const warning of warnings) process.stderr.write(`${pc.yellow('warning')} ${formatProblem(warning)}\n`);
  }
}

/** OPR-180 for nodes naming a model provider the workspace does not configure (providers.json and the environment). */
async function configuredProviderWarnings(workflow: Workflow, options: GlobalOptions): Promise<Problem[]> {
  const { dataDir, workspace } = resolveContext(options);
  let providers: string[];
  try {
    providers = (await loadProviders({ workspaceRoot: workspacePaths(dataDir, workspace).root, env: process.env })).map((p) => p.name);
  } catch (error) {
    if (!(error instanceof OperonError)) throw error;
    return [{ code: error.code, message: `the model providers could not be read, so they were not checked: ${error.message}` }];
  }
  return providerProblems(workflow, registry, providers);
}
