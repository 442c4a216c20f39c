// Runs the engine process's real entry (../main.ts) in a child process of its own, standing in for Electron's utility
// process where a test needs what only a separate process gives: its own pid, so a run it was carrying out is
// interrupted once it is killed. A child process cannot be sent a MessagePort, so each port the main process transfers
// is relayed over the IPC channel by its number (see electron/testing/child-utility-process.ts for the other end):
//   in:  { kind: 'control', data, ports: [id…] }  { kind: 'port', port, data }  { kind: 'close', port }
//   out: { kind: 'port', port, data }  { kind: 'close', port }
import type { ElectronMessagePortLike } from '../../../src-shared/api/message-port.ts';
import type { ParentPortLike } from '../engine-process.ts';

/** A message between the test (the main process) and this child, over the child's IPC channel. */
export type ChildMessage =
  { kind: 'control'; data: unknown; ports: number[] } | { kind: 'port'; port: number; data: unknown } | { kind: 'close'; port: number };

const send = process.send?.bind(process);
if (send === undefined) throw new Error('engine-child.ts runs in a child process started with fork()');

/** This end of a relayed port: what the engine posts goes to the test, what the test posts comes in here. */
class RelayedPort implements ElectronMessagePortLike {
  readonly #messages: ((event: { data: unknown }) => void)[] = [];
  readonly #closes: (() => void)[] = [];
  readonly #early: unknown[] = [];
  #started = false;
  #closed = false;
  readonly id: number;

  constructor(id: number) {
    this.id = id;
  }
  postMessage(value: unknown): void {
    if (!this.#closed) send?.({ kind: 'port', port: this.id, data: value } satisfies ChildMessage);
  }
  on(event: 'message', listener: (event: { data: unknown }) => void): this;
  on(event: 'close', listener: () => void): this;
  on(event: 'message' | 'close', listener: ((event: { data: unknown }) => void) | (() => void)): this {
    if (event === 'close') this.#closes.push(listener as () => void);
    else this.#messages.push(listener);
    return this;
  }
  start(): void {
    this.#started = true;
    for (const data of this.#early.splice(0)) this.receive(data);
  }
  receive(data: unknown): void {
    if (!this.#started) this.#early.push(data);
    else for (const listener of this.#messages) listener({ data });
  }
  close(): void {
    if (this.#closed) return;
    send?.({ kind: 'close', port: this.id } satisfies ChildMessage);
    this.closed();
  }
  closed(): void {
    if (this.#closed) return;
    this.#closed = true;
    ports.delete(this.id);
    for (const listener of this.#closes) listener();
  }
}

const ports = new Map<number, RelayedPort>();
const controls: ((event: { data: unknown; ports: readonly ElectronMessagePortLike[] }) => void)[] = [];
process.on('message', (message: ChildMessage) => {
  if (message.kind === 'control') {
    const relayed = message.ports.map((id) => {
      const port = new RelayedPort(id);
      ports.set(id, port);
      return port;
    });
    for (const listener of controls) listener({ data: message.data, ports: relayed });
  } else if (message.kind === 'port') ports.get(message.port)?.receive(message.data);
  else ports.get(message.port)?.closed();
});
const parentPort: ParentPortLike = {
  on(_event, listener) {
    controls.push(listener);
    return parentPort;
  },
};
(process as { parentPort?: ParentPortLike }).parentPort = parentPort;
await import('../main.ts');
