// A sandbox worker (built to out/main/sandbox-worker.js): a Node child process or a worker thread, started by a
// launcher of launchers.ts for the pool in worker-pool.ts. The pool kills it when a job passes its time limit or is
// cancelled; its heap is capped (--max-old-space-size for a process, resourceLimits for a thread).
import { isMainThread, parentPort } from 'node:worker_threads';
import { serveSandbox } from './sandbox-serve.ts';

if (!isMainThread && parentPort !== null) {
  const port = parentPort;
  serveSandbox({ send: (message) => port.postMessage(message), onMessage: (listener) => void port.on('message', listener) });
} else if (process.send !== undefined) {
  const send = process.send.bind(process);
  serveSandbox({ send: (message) => void send(message), onMessage: (listener) => void process.on('message', listener) });
} else {
  process.stderr.write('operon sandbox worker: start it as a worker thread or with child_process.fork (it has no channel)\n');
  process.exit(2);
}
