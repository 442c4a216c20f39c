/** What `operon serve --queue` loads on demand (BullMQ and ioredis): the serving host's side of queue mode. */
export { closeRedis, connectRedis } from './redis-connection.ts';
export { createQueuedRunLauncher } from './queued-launcher.ts';
