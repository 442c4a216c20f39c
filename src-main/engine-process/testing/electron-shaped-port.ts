import type { MessagePort } from 'node:worker_threads';
import type { ElectronMessagePortLike } from '../../../src-shared/api/message-port.ts';

/**
 * A Node MessagePort dressed as Electron's MessagePortMain: `message` listeners get `{ data, ports }`, and, as in
 * Electron, nothing is delivered before `start()`, so code that forgets to start its port fails here too.
 */
export class ElectronShapedPort implements ElectronMessagePortLike {
  readonly #port: MessagePort;
  readonly #listeners: ((event: { data: unknown; ports: [] }) => void)[] = [];
  #started = false;

  constructor(port: MessagePort) {
    this.#port = port;
  }

  postMessage(value: unknown): void {
    this.#port.postMessage(value);
  }

  on(event: 'message', listener: (event: { data: unknown }) => void): this;
  on(event: 'close', listener: () => void): this;
  on(event: 'message' | 'close', listener: ((event: { data: unknown }) => void) | (() => void)): this {
    if (event === 'close') this.#port.on('close', listener as () => void);
    else this.#listeners.push(listener);
    return this;
  }

  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.#port.on('message', (data: unknown) => {
      for (const listener of this.#listeners) listener({ data, ports: [] });
    });
  }

  close(): void {
    this.#port.close();
  }
}
