import path from 'node:path';
import { OperonError } from '../../src-shared/errors/operon-error.ts';
import type { MemoryService } from '../../src-shared/memory/types.ts';
import { ensureWorkspace, workspacePaths, type WorkspacePaths } from '../services/data-dir.ts';
import { loadProviders, providerApiKeys } from '../services/llm/providers.ts';
import type { Embedder } from '../services/memory/embedder.ts';
import type { ConversionProgress } from '../services/memory/embedders/offline-embedder.ts';
import { openLanceMemory } from '../services/memory/lance-memory.ts';
import type { HostSecretService } from '../services/secrets.ts';
import { createSecretService } from '../services/secrets.ts';
import { loadWorkspaceSettings, type EmbedderSettings } from '../services/workspace-config.ts';

/** A workspace's memory as the host and the CLI hold it: the service, and closing and reindexing the store. */
export type WorkspaceMemory = MemoryService & { close(): Promise<void>; reindex(): Promise<{ rows: number; embedder: string }> };
export type CliMemory = WorkspaceMemory;

/**
 * Opens a workspace's memory: its LanceDB folder (`workspaces/<id>/memory/`) with the embedder its settings.json
 * names (the offline default unless it names a provider's model). The offline model's cache lives in
 * `<dataDir>/models/`, shared by every workspace.
 */
export async function openWorkspaceMemory(options: {
  dataDir: string;
  paths: WorkspacePaths;
  workspace: string;
  env: NodeJS.ProcessEnv;
  secrets: HostSecretService;
  /** Told how the offline embedder's one-time conversion goes, when this opening does it (the CLI shows it). */
  onEmbedderConversion?: (progress: ConversionProgress) => void;
}): Promise<WorkspaceMemory> {
  const settings = await loadWorkspaceSettings(options.paths.root);
  const embedder = await createEmbedder(settings.memory.embedder, options);
  const memory = openLanceMemory({ dir: path.join(options.paths.root, 'memory'), embedder, workspaceId: options.workspace });
  return {
    write: (...args) => memory.write(...args),
    search: (...args) => memory.search(...args),
    list: (...args) => memory.list(...args),
    delete: (...args) => memory.delete(...args),
    conversation: memory.conversation,
    knowledge: memory.knowledge,
    close: () => memory.close(),
    reindex: async () => ({ ...(await memory.reindex(embedder)), embedder: embedder.id }),
  };
}

/** Where the offline embedder's converted vectors live: `<dataDir>/models/`, shared by every workspace. */
export function offlineModelsDir(dataDir: string): string {
  return path.join(dataDir, 'models');
}

/** For `operon memory …`: the workspace's memory, on its own. */
export async function openMemoryForCli(options: {
  dataDir: string;
  workspace: string;
  env: NodeJS.ProcessEnv;
  onEmbedderConversion?: (progress: ConversionProgress) => void;
}): Promise<WorkspaceMemory> {
  const paths = workspacePaths(options.dataDir, options.workspace);
  await ensureWorkspace(paths);
  return openWorkspaceMemory({ ...options, paths, secrets: createSecretService(options.env) });
}

async function createEmbedder(
  settings: EmbedderSettings,
  options: {
    dataDir: string;
    paths: WorkspacePaths;
    env: NodeJS.ProcessEnv;
    secrets: HostSecretService;
    onEmbedderConversion?: (progress: ConversionProgress) => void;
  },
): Promise<Embedder> {
  // Each embedder loads when chosen: the offline one needs no OpenAI SDK.
  if (settings.kind === 'offline') {
    const { createOfflineEmbedder } = await import('../services/memory/embedders/offline-embedder.ts');
    return createOfflineEmbedder({
      cacheDir: offlineModelsDir(options.dataDir),
      ...(options.onEmbedderConversion === undefined ? {} : { onConvert: options.onEmbedderConversion }),
    });
  }
  const providers = await loadProviders({ workspaceRoot: options.paths.root, env: options.env });
  const provider = providers.find((p) => p.name === settings.provider);
  if (provider === undefined) {
    throw new OperonError(
      'OPR-120',
      `the memory embedder names provider "${settings.provider}", which is not configured (configured: ${providers.map((p) => p.name).join(', ') || 'none'})`,
    );
  }
  const apiKey = providerApiKeys({ env: options.env, secrets: options.secrets })(provider);
  const { createOpenAiEmbedder } = await import('../services/memory/embedders/openai-embedder.ts');
  return createOpenAiEmbedder({
    provider,
    model: settings.model,
    dimension: settings.dimension,
    ...(apiKey === undefined ? {} : { apiKey }),
  });
}
