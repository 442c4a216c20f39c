import type { ElectronMessagePortLike } from '../../../src-shared/api/message-port.ts';
import type { ParentPortLike } from '../engine-process.ts';

/** A hand-written `process.parentPort`: the test delivers messages as Electron's main process would. */
export class FakeParentPort implements ParentPortLike {
  readonly #listeners: ((event: { data: unknown; ports: readonly ElectronMessagePortLike[] }) => void)[] = [];

  on(_event: 'message', listener: (event: { data: unknown; ports: readonly ElectronMessagePortLike[] }) => void): this {
    this.#listeners.push(listener);
    return this;
  }

  /** Delivers one message from the main process, with the ports it transfers. */
  deliver(data: unknown, ports: readonly ElectronMessagePortLike[] = []): void {
    for (const listener of this.#listeners) listener({ data, ports });
  }
}
