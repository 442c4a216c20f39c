import { fromElectronPort, type ElectronMessagePortLike } from '../../src-shared/api/message-port.ts';
import type { ApiHandlers } from '../host/api/api-handlers.ts';
import { EngineControlSchema, type EngineSecretKeys } from './control.ts';
import { createEngineEnv } from './engine-env.ts';
import { serveApiPort, type ServedPort } from './port-api.ts';

/** The part of Electron's `process.parentPort` (in a utility process) used: messages from the main process. */
export interface ParentPortLike {
  on(event: 'message', listener: (event: { data: unknown; ports: readonly ElectronMessagePortLike[] }) => void): unknown;
}

export interface EngineProcessOptions {
  parentPort: ParentPortLike;
  /** The API on the data folder, one host per workspace. */
  handlers: ApiHandlers;
  /** The environment `handlers` read (`process.env`): `env` messages change it (engine-env.ts). */
  env: NodeJS.ProcessEnv;
  /** Takes the secrets keys of a `secretKeys` message (given-secret-keys.ts); throwing is reported, never a crash. */
  onSecretKeys?: (keys: EngineSecretKeys) => void;
  /** Errors no caller sees: a malformed control message, a call failing unexpectedly. */
  onUnexpected: (error: unknown) => void;
  /** Ends the process (after `shutdown` has closed the handlers). */
  exit: (code: number) => void;
}

/** The engine process being served; for tests. */
export interface EngineProcess {
  /** How many window connections are open. */
  connections(): number;
}

/**
 * The engine host of the desktop app, in an Electron utility process: serves the API on every MessagePort the main
 * process sends it (one per window, see control.ts), sets the provider keys `env` messages carry in the environment the
 * API reads, and on `shutdown` closes the handlers (runs still going are
 * cancelled, their logs flushed) and exits. A control message that does not match control.ts is reported and its
 * ports closed, never a crash.
 */
export function serveEngineProcess(options: EngineProcessOptions): EngineProcess {
  const served = new Set<ServedPort>();
  let shuttingDown = false;
  const env = createEngineEnv(options.env);
  options.parentPort.on('message', ({ data, ports }) => {
    const parsed = EngineControlSchema.safeParse(data);
    const control = parsed.success ? parsed.data : undefined;
    if (control?.type === 'env') {
      for (const port of ports) port.close();
      env.apply(control);
      return;
    }
    if (control?.type === 'secretKeys') {
      for (const port of ports) port.close();
      try {
        options.onSecretKeys?.(control.keys);
      } catch (error) {
        options.onUnexpected(error);
      }
      return;
    }
    if (control?.type === 'connect' && ports.length === 1 && ports[0] !== undefined && !shuttingDown) {
      const port = fromElectronPort(ports[0]);
      const connection = serveApiPort(port, options.handlers, options.onUnexpected);
      served.add(connection);
      port.onClose(() => served.delete(connection));
      return;
    }
    for (const port of ports) port.close();
    if (control?.type === 'shutdown') {
      if (shuttingDown) return;
      shuttingDown = true;
      for (const connection of [...served]) connection.close();
      options.handlers.close().then(
        () => options.exit(0),
        (error: unknown) => {
          options.onUnexpected(error);
          options.exit(1);
        },
      );
      return;
    }
    if (!shuttingDown)
      options.onUnexpected(
        new Error(
          parsed.success
            ? `engine process: a connect message needs exactly one port, got ${ports.length}`
            : `engine process: ignored a control message that is not one of control.ts: ${parsed.error.message}`,
        ),
      );
  });
  return { connections: () => served.size };
}
