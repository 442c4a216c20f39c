import { onTestFinished } from 'vitest';
import { MessageChannel, type MessagePort } from 'node:worker_threads';

/** A real `worker_threads` channel, both ends closed when the test finishes (an open port keeps Node running). */
export function nodeChannel(): { port1: MessagePort; port2: MessagePort } {
  const channel = new MessageChannel();
  onTestFinished(() => {
    channel.port1.close();
    channel.port2.close();
  });
  return channel;
}

/** Resolves with the next message `port` receives. */
export function nextMessage(port: MessagePort): Promise<unknown> {
  return new Promise((resolve) => port.once('message', resolve));
}
