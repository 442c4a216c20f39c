import type { Command } from 'commander';
import type { ServeOptions } from '../commands/serve.ts';

/** Declares `operon serve`; commands/serve.ts (the HTTP and WebSocket server, the host) loads only when it runs. */
export function declareServe(program: Command): void {
  program
    .command('serve')
    .description(
      "Serve the editor and its API on this machine (open the printed URL), and keep active workflows' triggers listening; Ctrl-C stops it",
    )
    .option('--port <n>', 'the port (default: any free one)', (v) => Number.parseInt(v, 10), 0)
    .option('--host <host>', 'the interface to bind; anything but loopback needs OPERON_TOKEN or --token', '127.0.0.1')
    .option('--token <token>', 'the API token (default: $OPERON_TOKEN, else a random one printed below)')
    .option('--max-connections <n>', 'WebSocket clients at once (editor tabs, scripts); one more is refused (default: 64)', (v) =>
      Number.parseInt(v, 10),
    )
    .option(
      '--queue <url>',
      'queue mode: enqueue every run on this Redis (redis://host:port) for `operon worker`s sharing the data folder, instead of running it here (default: $OPERON_QUEUE_URL; without either, runs go on here)',
    )
    .option('--no-ui', 'a headless service: the API and the triggers (webhooks, health) without the editor')
    .option(
      '--grace-seconds <n>',
      'on SIGTERM or Ctrl-C: take no more firings, let runs going on finish for up to this long, then stop (the rest are left interrupted) (default: 30)',
      (v) => Number.parseFloat(v),
      30,
    )
    .action(async (options: ServeOptions, command: Command) => {
      const { serveCommand } = await import('../commands/serve.ts');
      await serveCommand(options, command);
    });
}
