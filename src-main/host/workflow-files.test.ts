import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from '../../src-shared/nodes/builtin.ts';
import { tempDir } from '../services/test-support.ts';
import { createWorkflowLoader } from './workflow-files.ts';

// Sub-workflow references resolve inside the workflows folder only: lexically and through symlinks.

const workflow = (id: string) =>
  JSON.stringify({
    schemaVersion: 1,
    id,
    name: id,
    nodes: [{ id: 'start', type: 'core.manual-trigger', typeVersion: 1, position: { x: 0, y: 0 }, config: {} }],
    edges: [],
  });

describe('createWorkflowLoader', () => {
  it('loads a workflow in the folder (also in a subfolder, also through a link that stays inside)', async () => {
    const root = await tempDir();
    await mkdir(path.join(root, 'parts'));
    await writeFile(path.join(root, 'parts', 'child.operon.json'), workflow('child'));
    await symlink(path.join(root, 'parts', 'child.operon.json'), path.join(root, 'alias.operon.json'));
    const loader = createWorkflowLoader(root, createBuiltinRegistry());
    expect((await loader.load('parts/child.operon.json', undefined)).workflow.id).toBe('child');
    expect((await loader.load('parts\\child.operon.json', undefined)).workflow.id).toBe('child');
    expect((await loader.load('alias.operon.json', undefined)).workflow.id).toBe('child');
  });

  it('refuses references that leave the folder, lexically or through a symlink, naming the reference only', async () => {
    const dataDir = await tempDir();
    const root = path.join(dataDir, 'acme');
    const other = path.join(dataDir, 'globex');
    await mkdir(root);
    await mkdir(other);
    await writeFile(path.join(other, 'payroll.operon.json'), workflow('payroll'));
    await symlink(path.join(other, 'payroll.operon.json'), path.join(root, 'borrowed.operon.json'));
    await symlink(other, path.join(root, 'shared'));
    const loader = createWorkflowLoader(root, createBuiltinRegistry());
    const refusal = (ref: string) =>
      loader.load(ref, undefined).then(
        () => 'loaded',
        (error: { code: string; message: string }) => `${error.code} ${error.message.includes(dataDir) ? 'shows the path' : 'ok'}`,
      );
    expect(await refusal('../globex/payroll.operon.json')).toBe('OPR-109 ok');
    expect(await refusal('..\\globex\\payroll.operon.json')).toBe('OPR-109 ok');
    expect(await refusal('borrowed.operon.json')).toBe('OPR-109 ok');
    expect(await refusal('shared/payroll.operon.json')).toBe('OPR-109 ok');
    expect(await refusal('payroll.operon.json\u0000')).toBe('OPR-109 ok');
    expect(await refusal('missing.operon.json')).toBe('OPR-111 ok');
  });
});
