/**
 * One end of a message channel as the API's port transports use it. Node's `worker_threads` MessagePort and
 * Electron's `MessagePortMain` both adapt to it ({@link fromNodePort}, {@link fromElectronPort}); the only difference
 * between them is what a `message` listener receives.
 */
export interface ApiPort {
  /** Posts one message (the API sends JSON text: see protocol.ts). Never throws once the port is closed: it drops. */
  postMessage(message: string): void;
  /** Receives every message's data. */
  onMessage(listener: (data: unknown) => void): void;
  /** Called once when this end or the other end closes. */
  onClose(listener: () => void): void;
  /** Closes the channel; the other end hears `close`. Idempotent. */
  close(): void;
}

/** The part of Node's `worker_threads` MessagePort used: a `message` listener receives the data itself. */
export interface NodeMessagePortLike {
  postMessage(value: unknown): void;
  on(event: 'message', listener: (value: unknown) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  close(): void;
}

/**
 * The part of Electron's `MessagePortMain` used: a `message` listener receives `{ data, ports }`, and nothing is
 * delivered before `start()`.
 */
export interface ElectronMessagePortLike {
  postMessage(value: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  start(): void;
  close(): void;
}

/** Adapts Node's `worker_threads` MessagePort (used by the tests, and by anything in plain Node). */
export function fromNodePort(port: NodeMessagePortLike): ApiPort {
  return adapt(port, (listener) => port.on('message', listener));
}

/** Adapts Electron's `MessagePortMain` (the main process's and the utility process's end) and starts it. */
export function fromElectronPort(port: ElectronMessagePortLike): ApiPort {
  const adapted = adapt(port, (listener) => port.on('message', (event) => listener(event.data)));
  port.start();
  return adapted;
}

function adapt(
  port: Pick<NodeMessagePortLike, 'postMessage' | 'close'> & { on(event: 'close', listener: () => void): unknown },
  listen: (listener: (data: unknown) => void) => void,
): ApiPort {
  let closed = false;
  const closeListeners: (() => void)[] = [];
  const markClosed = (): void => {
    if (closed) return;
    closed = true;
    for (const listener of closeListeners.splice(0)) listener();
  };
  port.on('close', markClosed);
  return {
    postMessage(message) {
      if (!closed) port.postMessage(message);
    },
    onMessage: listen,
    onClose(listener) {
      if (closed) queueMicrotask(listener);
      else closeListeners.push(listener);
    },
    close() {
      if (closed) return;
      port.close();
      markClosed();
    },
  };
}
