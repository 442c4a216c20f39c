import { createHash, randomInt } from 'node:crypto';
import path from 'node:path';
import type { EngineServices } from '../../src-shared/engine/services.ts';
import { createTimerClock } from '../../src-shared/services/timer-clock.ts';
import type { WorkspacePaths } from '../services/data-dir.ts';
import { createFileService } from '../services/files.ts';
import { createHttpService } from '../services/http.ts';
import { createEnvTrackingTransport } from '../services/llm/env-tracking-transport.ts';
import { PROVIDERS_FILE, readProvidersFile, withEnvProviders } from '../services/llm/providers.ts';
import { createResultCache } from '../services/result-cache.ts';
import { workerThreadLauncher } from '../services/sandbox/launchers.ts';
import { createWorkerPool } from '../services/sandbox/worker-pool.ts';
import { packagePath } from '../services/package-root.ts';
import { newRunId } from '../services/run-log/run-id.ts';
import { createSecretService, type HostSecretService } from '../services/secrets.ts';
import { createSecretVault } from '../services/secret-vault/secret-vault.ts';
import type { SecretKeySource } from '../services/secret-vault/secret-keys.ts';
import { createSpendLedger } from '../services/spend-ledger.ts';
import { createPolicyHolder } from '../services/policy/policy-holder.ts';
import { loadPrices, loadWorkspaceSettings } from '../services/workspace-config.ts';
import { lazyMemory } from '../../src-shared/memory/lazy-memory.ts';
import type { ConversionProgress } from '../services/memory/embedders/offline-embedder.ts';
import type { WorkspaceMemory } from './memory-host.ts';

/**
 * The engine's services on Node, for one workspace: real time, files, HTTP, secrets from the environment,
 * model providers from the workspace's providers.json and the environment (read again when it changes), prices, and
 * the spend ledger; the workspace policy (policy.json, if any) for the engine and the HTTP service's egress guard.
 * The workflow loader is per run (its root is the run's own folder), so the host adds it.
 * A bad providers.json, settings.json or prices.json is an error here, before anything runs.
 */
export async function createNodeServices(options: {
  dataDir: string;
  workspace: string;
  paths: WorkspacePaths;
  env: NodeJS.ProcessEnv;
  fetch?: typeof fetch;
  onEmbedderConversion?: (progress: ConversionProgress) => void;
  secretKeys?: SecretKeySource;
}): Promise<{
  services: Omit<EngineServices, 'workflows'>;
  secrets: HostSecretService;
  /** Reads the workspace's vault again (a secret stored or deleted through the API): runs from now on get the new values. */
  reloadSecrets: () => Promise<void>;
  /** Reads the workspace's policy.json again (OPR-260 when damaged): call before each run, so a changed policy applies to the next. */
  reloadPolicy: () => Promise<void>;
  /** Closes what was opened on demand (the workspace's memory). */
  close: () => Promise<void>;
}> {
  const { paths, env } = options;
  const vault = createSecretVault({
    dataDir: options.dataDir,
    workspace: options.workspace,
    workspaceRoot: paths.root,
    env,
    ...(options.secretKeys === undefined ? {} : { keySource: options.secretKeys }),
  });
  const stored = await vault.readAll();
  const secrets = createSecretService(env, stored);
  const policy = createPolicyHolder(paths.root);
  // A damaged policy.json does not stop the host (an owner repairs it through policy.set): every run reads it again first, and fails.
  await policy.reload().catch(() => undefined);
  const [settings, prices, fileProviders] = await Promise.all([
    loadWorkspaceSettings(paths.root),
    // The price table shipped with Operon; a workspace may have its own prices.json.
    loadPrices(paths.root, packagePath('resources/prices.json')),
    readProvidersFile(path.join(paths.root, PROVIDERS_FILE)),
  ]);
  // A bad provider variable fails the host's start (OPR-120), before anything runs; later changes to the environment
  // (the desktop app's stored keys) are read again by the transport.
  withEnvProviders(fileProviders, env);
  // Opened on first use: a run that never touches memory loads no LanceDB, no embedding model and opens no database.
  const memory = lazyMemory(async () => {
    const { openWorkspaceMemory } = await import('./memory-host.ts');
    const { dataDir, workspace, onEmbedderConversion } = options;
    return openWorkspaceMemory({
      dataDir,
      paths,
      workspace,
      env,
      secrets,
      ...(onEmbedderConversion === undefined ? {} : { onEmbedderConversion }),
    });
  });
  // Expressions that could run for ever, and JSON Schemas with patterns (run inputs, LLM output schemas): a pool of
  // workers a timeout can kill. Child processes, except where none may run as Node (the packaged desktop app, whose
  // RunAsNode fuse is off, sets OPERON_SANDBOX=threads): worker threads there (launchers.ts says what they cannot promise).
  const pool = createWorkerPool(env.OPERON_SANDBOX === 'threads' ? { launcher: workerThreadLauncher() } : {});
  const services: Omit<EngineServices, 'workflows'> = {
    clock: createTimerClock(),
    random: () => randomInt(0, 2 ** 32) / 2 ** 32,
    newRunId: () => newRunId(Date.now()),
    sha256: (text) => Promise.resolve(createHash('sha256').update(text).digest('hex')),
    http: createHttpService({ egress: policy.egress, ...(options.fetch === undefined ? {} : { fetch: options.fetch }) }),
    files: createFileService(paths.files),
    secrets,
    cache: createResultCache(paths.cache),
    llm: createEnvTrackingTransport({ fileProviders, env, secrets, ...(options.fetch === undefined ? {} : { fetch: options.fetch }) }),
    prices,
    spend: createSpendLedger(paths.root, settings.budgets.maxCostUsd),
    memory,
    sandbox: pool,
    get policy() {
      return policy.current();
    },
  };
  return {
    services,
    secrets,
    async reloadSecrets() {
      const fresh = await vault.readAll();
      stored.clear();
      for (const [name, value] of fresh) {
        stored.set(name, value);
        // Known to redaction from now on (a deleted value stays known: hiding it costs nothing).
        secrets.adopt(name, value);
      }
    },
    reloadPolicy: policy.reload,
    close: async () => {
      await pool.close();
      await policy.close();
      await (memory.opened() as WorkspaceMemory | undefined)?.close();
    },
  };
}
