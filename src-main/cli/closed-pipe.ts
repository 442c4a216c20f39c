/**
 * A reader that goes away (`operon runs show RUN | head -5`) ends `operon` quietly with exit code 0, as `git log | head`
 * ends git: no EPIPE stack, no error line. Node ignores SIGPIPE, so a write to a closed pipe fails with EPIPE, which the
 * stream emits as an 'error' event; without a listener that event would crash the process.
 *
 * stdout's reader is gone: nothing more can be said to it, so the process ends at once, whatever the command. Every
 * command writes its result to stdout only after its work is done and its logs are flushed (a run's progress goes
 * to stderr), so ending here loses nothing. stderr's reader is gone (`2>&1 | head` closes both): what is left to say
 * there is dropped and the command goes on, so a run in progress still finishes and writes its logs.
 */
export function endQuietlyOnClosedPipes(
  streams: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream },
  exit: (code: number) => void,
): void {
  streams.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    exit(0);
  });
  streams.stderr.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}
