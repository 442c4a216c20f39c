import { createHash, randomInt } from 'node:crypto';
import type { EngineServices } from '../../src-shared/engine/services.ts';
import { createTimerClock } from '../../src-shared/engine/timer-clock.ts';
import type { WorkspacePaths } from '../services/data-dir.ts';
import { createFileService } from '../services/files.ts';
import { createHttpService } from '../services/http.ts';
import { createResultCache } from '../services/result-cache.ts';
import { newRunId } from '../services/run-id.ts';
import { createSecretService, type HostSecretService } from '../services/secrets.ts';

/**
 * The engine's services on Node, for one workspace: real time, files, HTTP, secrets from the environment.
 * The workflow loader is per run (its root is the run's own folder), so the host adds it.
 */
export function createNodeServices(options: { paths: WorkspacePaths; env: NodeJS.ProcessEnv }): {
  services: Omit<EngineServices, 'workflows'>;
  secrets: HostSecretService;
} {
  const secrets = createSecretService(options.env);
  const services: Omit<EngineServices, 'workflows'> = {
    clock: createTimerClock(),
    random: () => randomInt(0, 2 ** 32) / 2 ** 32,
    newRunId: () => newRunId(Date.now()),
    sha256: (text) => Promise.resolve(createHash('sha256').update(text).digest('hex')),
    http: createHttpService(),
    files: createFileService(options.paths.files),
    secrets,
    cache: createResultCache(options.paths.cache),
  };
  return { services, secrets };
}
