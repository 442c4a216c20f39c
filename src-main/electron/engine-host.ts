import { fromElectronPort, type ApiPort, type ElectronMessagePortLike } from '../../src-shared/api/message-port.ts';
import type { EngineControl, EngineEnvChange, EngineSecretKeys } from '../engine-process/control.ts';

/** The part of Electron's `UtilityProcess` used. */
export interface UtilityProcessLike {
  postMessage(message: unknown, transfer?: ElectronMessagePortLike[]): void;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

export interface EngineHostOptions {
  /** Starts the engine process (`utilityProcess.fork` of out/main/engine-process.js). */
  fork(): UtilityProcessLike;
  /** A new channel (`new MessageChannelMain()`). */
  createChannel(): { port1: ElectronMessagePortLike; port2: ElectronMessagePortLike };
  /** The engine process stopped unexpectedly and a new one was started: the windows need new connections. */
  onRestart(reason: string): void;
  /** Runs `task` after `ms` (setTimeout); returns the function that cancels it. */
  schedule(task: () => void, ms: number): () => void;
  /** Milliseconds now (Date.now). */
  now(): number;
  log(message: string): void;
  /**
   * The variables every new engine process gets before any window connects (the provider keys stored in the app,
   * decrypted: provider-keys.ts); asked at each start and restart.
   */
  environment?(): Record<string, string>;
  /**
   * The secrets keys every new engine process gets before any window connects (opened with safeStorage by the main
   * process: secret-keys.ts); asked at each start and restart. Undefined: the engine uses its key file.
   */
  secretKeys?(): EngineSecretKeys | undefined;
}

/** The engine process, kept running. */
export interface EngineHost {
  /** A new connection for one window: the main process's end of a channel whose other end the engine serves. */
  connect(window: number): ApiPort;
  /**
   * Sets and unsets variables in the running engine process (a provider key stored or removed): its next model call
   * reads them. While it is being restarted there is none to tell; the restart sends `environment()` anyway.
   */
  changeEnvironment(change: EngineEnvChange): void;
  /**
   * Asks the engine to shut down (runs still going are cancelled, their logs flushed) and resolves when it has exited;
   * kills it if it has not after `timeoutMs`. No restart follows.
   */
  stop(timeoutMs?: number): Promise<void>;
}

/** A process that ran this long before it stopped is restarted at once; one that stops sooner, after a growing pause. */
const STABLE_MS = 30_000;
const FIRST_PAUSE_MS = 250;
const MAX_PAUSE_MS = 30_000;

/**
 * Runs the engine host in an Electron utility process and keeps it running: when it exits without being asked to,
 * a new one is started (at once if it had run a while, else after a pause that doubles, so a process that cannot
 * start does not spin) and {@link EngineHostOptions.onRestart} is called so every window reconnects. The runs it was
 * carrying out are interrupted; `runs.continueInterrupted` continues them. Each process started gets the stored
 * provider keys ({@link EngineHostOptions.environment}) first.
 */
export function startEngineHost(options: EngineHostOptions): EngineHost {
  let child = options.fork();
  let alive = true;
  let startedAt = options.now();
  let quickExits = 0;
  let stopping: Promise<void> | undefined;
  let exited: (() => void) | undefined;
  let cancelRestart: (() => void) | undefined;
  /** Posts to the running process; false when there is none (it is being restarted) or it refused the message. */
  const send = (control: EngineControl, transfer?: ElectronMessagePortLike[]): boolean => {
    if (!alive) return false;
    try {
      child.postMessage(control, transfer);
      return true;
    } catch (error) {
      options.log(`could not reach the engine process: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
  };

  /** Gives a newly started process the stored keys, before any window's `connect` (messages arrive in order). */
  const sendEnvironment = (): void => {
    const set = options.environment?.() ?? {};
    if (Object.keys(set).length > 0) send({ type: 'env', set, unset: [] });
    const keys = options.secretKeys?.();
    if (keys !== undefined) send({ type: 'secretKeys', keys });
  };

  const watch = (process: UtilityProcessLike): void => {
    process.on('exit', (code) => {
      if (process !== child) return;
      alive = false;
      if (stopping !== undefined) {
        exited?.();
        return;
      }
      const ranFor = options.now() - startedAt;
      quickExits = ranFor >= STABLE_MS ? 0 : quickExits + 1;
      const pause = quickExits === 0 ? 0 : Math.min(MAX_PAUSE_MS, FIRST_PAUSE_MS * 2 ** (quickExits - 1));
      const reason = `the engine process stopped unexpectedly (exit code ${code})`;
      options.log(`${reason}; starting it again${pause === 0 ? '' : ` in ${pause} ms`}`);
      const restart = (): void => {
        if (stopping !== undefined) return;
        child = options.fork();
        alive = true;
        startedAt = options.now();
        watch(child);
        sendEnvironment();
        options.onRestart(reason);
      };
      if (pause === 0) restart();
      else cancelRestart = options.schedule(restart, pause);
    });
  };
  watch(child);
  sendEnvironment();

  return {
    connect(window) {
      const { port1, port2 } = options.createChannel();
      // With no engine running (it is being restarted) the port closes at once: calls fail with OPR-162 until the
      // restart reconnects the window.
      if (!send({ type: 'connect', window }, [port2])) port2.close();
      return fromElectronPort(port1);
    },
    changeEnvironment(change) {
      send({ type: 'env', ...change });
    },
    stop(timeoutMs = 10_000) {
      stopping ??= new Promise<void>((resolve) => {
        cancelRestart?.();
        if (!send({ type: 'shutdown' })) {
          resolve();
          return;
        }
        const cancel = options.schedule(() => {
          options.log(`the engine process did not stop within ${timeoutMs} ms: killing it`);
          child.kill();
          resolve();
        }, timeoutMs);
        exited = () => {
          cancel();
          resolve();
        };
      });
      return stopping;
    },
  };
}
