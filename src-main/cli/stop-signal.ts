/**
 * Resolves at the first SIGINT (Ctrl-C) or SIGTERM (systemd, `docker stop`, a worker being drained), for a command that
 * keeps serving until told to stop (`operon serve`, `operon worker`). Both listeners are removed then, so a second
 * signal gets Node's default (the process ends at once) while the command shuts down.
 */
export function untilStopSignal(): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
