import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SandboxLauncher, SandboxWorker } from './protocol.ts';

/**
 * Sandbox workers as Node child processes (the CLI, `operon serve`, the desktop app from source): each with its own
 * heap limit (`--max-old-space-size`), so running out of it ends that process only. Needs a Node binary: in the
 * packaged desktop app (Electron's RunAsNode fuse off) no child process can run as Node, see {@link workerThreadLauncher}.
 */
export function childProcessLauncher(workerUrl: URL = defaultWorkerUrl()): SandboxLauncher {
  return ({ maxMemoryMb }) => {
    const child = fork(fileURLToPath(workerUrl), [], {
      execArgv: [`--max-old-space-size=${maxMemoryMb}`],
      // The desktop app's engine process runs Electron's binary: as Node, without a window (unpackaged builds only).
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      serialization: 'advanced',
      // No pipes: a pipe is a handle of its own that unref() on the process leaves ref'd, so an idle worker with a
      // piped stderr kept its host alive for ever (the bench's child never exited).
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    });
    return {
      send(message, onError) {
        if (!child.connected) return onError(new Error('the sandbox worker has stopped'));
        child.send(message, (error) => {
          if (error !== null) onError(error);
        });
      },
      onMessage: (listener) => void child.on('message', listener),
      onExit: (listener) => {
        const once = onlyOnce(listener);
        // V8 aborts the process when its heap passes --max-old-space-size.
        child.once('exit', (code, signal) =>
          once({ outOfMemory: signal === 'SIGABRT' || code === 134, description: signal ?? `exit code ${code}` }),
        );
        child.once('error', (error) => {
          child.kill('SIGKILL');
          once({ outOfMemory: false, description: error.message });
        });
      },
      kill: () => void child.kill('SIGKILL'),
      setBusy(busy) {
        const channel = child.channel as { ref(): void; unref(): void } | null | undefined;
        if (busy) {
          child.ref();
          channel?.ref();
        } else {
          child.unref();
          channel?.unref();
        }
      },
    };
  };
}

/**
 * Sandbox workers as worker threads of the host process, each with V8 `resourceLimits` on its heap: for the packaged
 * desktop app, whose engine runs in an Electron utility process that may start no Node child process (its RunAsNode
 * fuse is off). `terminate()` stops a thread in the middle of a regex or a loop as a kill stops a process, so timeouts
 * and cancels hold. What threads cannot promise is containment of memory: past its limit a thread usually ends with
 * ERR_WORKER_OUT_OF_MEMORY (OPR-114), but V8 can abort the whole process instead (nodejs/node#47224), which for the
 * desktop app means its engine process restarts and the run shows as interrupted (resumable). Processes are used
 * wherever they can be started.
 */
export function workerThreadLauncher(workerUrl: URL = defaultWorkerUrl()): SandboxLauncher {
  return ({ maxMemoryMb }) => {
    const worker = new Worker(workerUrl, {
      resourceLimits: { maxOldGenerationSizeMb: maxMemoryMb, maxYoungGenerationSizeMb: Math.min(16, maxMemoryMb) },
      stdout: false,
      stderr: false,
    });
    let stopped = false;
    let outOfMemory = false;
    worker.once('exit', () => (stopped = true));
    return {
      send(message, onError) {
        if (stopped) return onError(new Error('the sandbox worker has stopped'));
        try {
          worker.postMessage(message);
        } catch (error) {
          onError(error instanceof Error ? error : new Error(String(error)));
        }
      },
      onMessage: (listener) => void worker.on('message', listener),
      onExit: (listener) => {
        const once = onlyOnce(listener);
        worker.on('error', (error: Error & { code?: string }) => {
          if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') outOfMemory = true;
          void worker.terminate();
        });
        worker.once('exit', (code) => once({ outOfMemory, description: outOfMemory ? 'out of memory' : `exit code ${code}` }));
      },
      kill: () => void worker.terminate(),
      setBusy: (busy) => (busy ? worker.ref() : worker.unref()),
    };
  };
}

function onlyOnce<T>(listener: (value: T) => void): (value: T) => void {
  let called = false;
  return (value) => {
    if (called) return;
    called = true;
    listener(value);
  };
}

/** sandbox-worker.ts beside this file when Node runs the sources; sandbox-worker.js when electron-vite bundled them. */
function defaultWorkerUrl(): URL {
  if (import.meta.url.endsWith('.ts')) return new URL('./sandbox-worker.ts', import.meta.url);
  // The bundle's entries sit in out/main/; code they share may be split into out/main/chunks/.
  return new URL(import.meta.url.includes('/chunks/') ? '../sandbox-worker.js' : './sandbox-worker.js', import.meta.url);
}

export type { SandboxLauncher, SandboxWorker };
