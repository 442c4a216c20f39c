import os from 'node:os';
import path from 'node:path';
import { createBuiltinRegistry } from '../../src-shared/nodes/builtin.ts';
import { assertWorkspaceId, resolveDataDir } from '../services/data-dir.ts';
import { checkDataDir } from '../services/data-dir-check.ts';
import { createHost, type Host } from '../host/host.ts';
import { createConversionReport } from './conversion-report.ts';

/** Options every command takes. */
export interface GlobalOptions {
  dataDir?: string;
  workspace?: string;
}

export const registry = createBuiltinRegistry();

/** Where the data lives and which workspace a command works in. */
export function resolveContext(options: GlobalOptions): { dataDir: string; workspace: string } {
  const workspace = options.workspace ?? process.env.OPERON_WORKSPACE ?? 'default';
  assertWorkspaceId(workspace);
  return { dataDir: resolveDataDir({ flag: options.dataDir, env: process.env, home: os.homedir() }), workspace };
}

/** {@link resolveContext}, for a command that writes: OPR-173 when the data folder is not a normal writable folder. */
export async function checkedContext(options: GlobalOptions): Promise<{ dataDir: string; workspace: string }> {
  const context = resolveContext(options);
  await checkDataDir(context.dataDir);
  return context;
}

export async function openHost(options: GlobalOptions): Promise<Host> {
  const { dataDir, workspace } = await checkedContext(options);
  const onEmbedderConversion = createConversionReport(process.stderr, process.stderr.isTTY);
  return createHost({ dataDir, workspace, env: process.env, registry, onEmbedderConversion });
}

/** A path as a person would type it from here. */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') ? file : relative || '.';
}
