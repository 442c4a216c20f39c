import { IPC_CHANNELS, type BridgeAnswer } from '../../../src-shared/api/bridge.ts';
import type { IpcInvokeEventLike, IpcMainLike, WindowContentsLike } from '../ipc-router.ts';

/** A hand-written `ipcMain`: keeps the handler and lets the test invoke it as a renderer would. */
export class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, (event: IpcInvokeEventLike, message: unknown) => Promise<BridgeAnswer>>();
  handle(channel: string, listener: (event: IpcInvokeEventLike, message: unknown) => Promise<BridgeAnswer>): void {
    if (this.handlers.has(channel)) throw new Error(`a second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  invoke(event: IpcInvokeEventLike, message: unknown): Promise<BridgeAnswer> {
    const handler = this.handlers.get(IPC_CHANNELS.request);
    if (handler === undefined) throw new Error('no handler');
    return handler(event, message);
  }
}

/** A hand-written window `webContents`: records what was sent to it, and can be destroyed. */
export class FakeContents implements WindowContentsLike {
  readonly sent: { channel: string; message: { event: string; payload: unknown } }[] = [];
  #destroyed = false;
  readonly #onDestroyed: (() => void)[] = [];
  readonly #waiters = new Set<() => void>();
  readonly id: number;
  constructor(id: number) {
    this.id = id;
  }
  send(channel: string, message: unknown): void {
    this.sent.push({ channel, message: message as { event: string; payload: unknown } });
    for (const wake of [...this.#waiters]) wake();
  }
  isDestroyed(): boolean {
    return this.#destroyed;
  }
  once(_event: 'destroyed', listener: () => void): this {
    this.#onDestroyed.push(listener);
    return this;
  }
  destroy(): void {
    this.#destroyed = true;
    for (const listener of this.#onDestroyed.splice(0)) listener();
  }
  events(name: string): unknown[] {
    return this.sent.filter((each) => each.message.event === name).map((each) => each.message.payload);
  }
  until(predicate: () => boolean): Promise<void> {
    return new Promise((resolve) => {
      const check = (): void => {
        if (!predicate()) return;
        this.#waiters.delete(check);
        resolve();
      };
      this.#waiters.add(check);
      check();
    });
  }
}
