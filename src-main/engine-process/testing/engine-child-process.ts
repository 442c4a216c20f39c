import { fork, type ChildProcess } from 'node:child_process';
import type { ElectronMessagePortLike } from '../../../src-shared/api/message-port.ts';
import type { ChildMessage } from './engine-child.ts';

const ENTRY = new URL('./engine-child.ts', import.meta.url);

/**
 * The engine process's real entry in a child process of its own, seen as Electron's `UtilityProcess` (the shape
 * electron/engine-host.ts's `UtilityProcessLike` asks for).
 */
export interface ChildUtilityProcess {
  readonly child: ChildProcess;
  postMessage(message: unknown, transfer?: ElectronMessagePortLike[]): void;
  on(event: 'exit', listener: (code: number) => void): unknown;
  /** Kills it with SIGKILL: no handler runs, as when a utility process crashes. */
  kill(): boolean;
  /** Resolves once it has exited. */
  exited: Promise<void>;
  /** What the process wrote to stderr so far. */
  stderr(): string;
}

/**
 * Starts the engine process's real entry (engine-process/main.ts, through testing/engine-child.ts) with `node`, its
 * data folder `home`, as `utilityProcess.fork` starts it in the app. Each port the main process transfers with
 * `postMessage` is relayed over the child's IPC channel (a child process cannot be sent a MessagePort), and closes
 * when the child exits, as a utility process's ports do when it dies. The caller kills it when done.
 */
export function forkEngineChild(home: string): ChildUtilityProcess {
  const child = fork(ENTRY, [], {
    env: { ...process.env, OPERON_HOME: home },
    execArgv: [],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    serialization: 'advanced',
  });
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const relayed = new Map<number, ElectronMessagePortLike>();
  let nextPort = 1;
  const sendChild = (message: ChildMessage): void => {
    if (child.connected) child.send(message);
  };
  child.on('message', (message: ChildMessage) => {
    if (message.kind === 'control') return;
    const port = relayed.get(message.port);
    if (port === undefined) return;
    if (message.kind === 'port') port.postMessage(message.data);
    else {
      relayed.delete(message.port);
      port.close();
    }
  });
  child.once('exit', () => {
    for (const port of relayed.values()) port.close();
    relayed.clear();
  });

  return {
    child,
    exited,
    stderr: () => stderr,
    postMessage(data, transfer = []) {
      if (!child.connected) throw new Error('the engine child process is gone');
      const ids = transfer.map((port) => {
        const id = nextPort++;
        relayed.set(id, port);
        port.on('message', (event) => sendChild({ kind: 'port', port: id, data: event.data }));
        port.on('close', () => {
          if (relayed.delete(id)) sendChild({ kind: 'close', port: id });
        });
        port.start();
        return id;
      });
      sendChild({ kind: 'control', data, ports: ids });
    },
    on(_event, listener) {
      // Electron gives a utility process killed by a signal a code too; Node gives null and the signal.
      child.once('exit', (code) => listener(code ?? 1));
      return child;
    },
    kill: () => child.kill('SIGKILL'),
  };
}
