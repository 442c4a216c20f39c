// Runs the engine process's real entry (../main.ts) in a worker thread, standing in for Electron's utility process:
// Electron's `process.parentPort` is made from the worker's own parent port, its messages `{ data, ports }` with the
// ports dressed as MessagePortMain. Nothing else differs, so the entry is tested as it ships, in plain Node.
import { parentPort, type MessagePort } from 'node:worker_threads';
import type { ParentPortLike } from '../engine-process.ts';
import { ElectronShapedPort } from './electron-shaped-port.ts';

if (parentPort === null) throw new Error('engine-worker.ts runs in a worker thread');
const workerPort = parentPort;
const electronParentPort: ParentPortLike = {
  on(_event, listener) {
    workerPort.on('message', (message: { data: unknown; ports: MessagePort[] }) =>
      listener({ data: message.data, ports: message.ports.map((port) => new ElectronShapedPort(port)) }),
    );
    return electronParentPort;
  },
};
(process as { parentPort?: ParentPortLike }).parentPort = electronParentPort;
await import('../main.ts');
