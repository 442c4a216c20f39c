import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureWorkspace, workspacePaths } from '../services/data-dir.ts';
import { createNodeServices } from './node-services.ts';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function services(env: NodeJS.ProcessEnv) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'operon-node-services-'));
  dirs.push(dataDir);
  const paths = workspacePaths(dataDir, 'default');
  await ensureWorkspace(paths);
  return createNodeServices({ dataDir, workspace: 'default', paths, env });
}

const REGEX = { expression: '$match("order-42", /[0-9]+/).match', data: {}, bindings: {} };

describe('createNodeServices: the expression sandbox', () => {
  it('is a pool of worker processes, or of worker threads where the desktop build may start none (OPERON_SANDBOX=threads)', async () => {
    for (const env of [{}, { OPERON_SANDBOX: 'threads' }]) {
      const built = await services(env);
      try {
        expect(await built.services.sandbox.evaluate(REGEX, new AbortController().signal), JSON.stringify(env)).toBe('42');
        expect('close' in built.services.sandbox, JSON.stringify(env)).toBe(true);
      } finally {
        await built.close();
      }
    }
  });
});
