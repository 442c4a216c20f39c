import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildWorkflow } from '../../../src-shared/engine/testing/build-workflow.ts';
import { createBuiltinRegistry } from '../../../src-shared/nodes/builtin.ts';
import { ensureWorkspace, workspacePaths } from '../../services/data-dir.ts';
import { writePolicy } from '../../services/policy/policy-file.ts';
import { createWorkflowStore } from '../../services/workflow-store.ts';
import { changeActivation } from './activation.ts';
import { createActivationStore } from './activation-store.ts';

const registry = createBuiltinRegistry();
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('activation and the workspace policy', () => {
  it('refuses to activate a workflow the policy refuses (OPR-231 with the OPR-261 problem), and activates it once allowed', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'operon-activation-policy-'));
    dirs.push(dataDir);
    const paths = workspacePaths(dataDir, 'client-a');
    await ensureWorkspace(paths);
    const workflows = createWorkflowStore(paths.workflows);
    const orders = buildWorkflow(
      registry,
      [
        { id: 'hook', type: 'core.webhook-trigger', config: { path: 'orders', secret: 'HOOK_TOKEN' } },
        { id: 'shape', type: 'core.transform', config: { expression: 'body' } },
        { id: 'result', type: 'core.output', config: { name: 'result' } },
      ],
      ['hook.out -> shape.in', 'shape.out -> result.in'],
    );
    await workflows.write({ ...orders, id: 'orders' });
    const deps = { workflows, activation: createActivationStore(path.join(paths.root, 'service')), registry, workspaceRoot: paths.root };

    await writePolicy(paths.root, { nodeTypes: ['core.webhook-trigger', 'core.output'] });
    const refused = changeActivation(deps, 'orders', true, 'ada');
    await expect(refused).rejects.toMatchObject({
      code: 'OPR-231',
      problems: [expect.objectContaining({ code: 'OPR-261', nodeId: 'shape' })],
    });

    await writePolicy(paths.root, { nodeTypes: ['core.webhook-trigger', 'core.transform', 'core.output'] });
    expect(await changeActivation(deps, 'orders', true, 'ada')).toMatchObject({ active: true, changedBy: 'ada' });
  });
});
