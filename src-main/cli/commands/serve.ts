import type { Command } from 'commander';
import path from 'node:path';
import { ZodError } from 'zod';
import { ServeConfigError, startServer } from '../../serve/server.ts';
import { checkedContext, type GlobalOptions } from '../cli-context.ts';
import { EXIT } from '../exit-codes.ts';

interface ServeOptions extends GlobalOptions {
  port: number;
  host: string;
  token?: string;
  maxConnections?: number;
}

/** The built renderer, relative to this file (src-main/cli/commands → out/renderer). */
const STATIC_DIR = path.join(import.meta.dirname, '../../../out/renderer');

/** `operon serve`: the editor in a browser and the API over a WebSocket, until Ctrl-C. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Serve the editor and its API on this machine (open the printed URL); Ctrl-C stops it')
    .option('--port <n>', 'the port (default: any free one)', (v) => Number.parseInt(v, 10), 0)
    .option('--host <host>', 'the interface to bind; anything but loopback needs OPERON_TOKEN or --token', '127.0.0.1')
    .option('--token <token>', 'the API token (default: $OPERON_TOKEN, else a random one printed below)')
    .option('--max-connections <n>', 'WebSocket clients at once (editor tabs, scripts); one more is refused (default: 64)', (v) =>
      Number.parseInt(v, 10),
    )
    .action(async (options: ServeOptions, command: Command) => {
      const all = { ...command.optsWithGlobals<GlobalOptions>(), ...options };
      const { dataDir } = await checkedContext(all);
      const token = all.token ?? (process.env.OPERON_TOKEN === '' ? undefined : process.env.OPERON_TOKEN);
      let server;
      try {
        server = await startServer({
          host: all.host,
          port: all.port,
          dataDir,
          staticDir: STATIC_DIR,
          env: process.env,
          ...(token === undefined ? {} : { token }),
          ...(all.maxConnections === undefined ? {} : { limits: { maxConnections: all.maxConnections } }),
        });
      } catch (error) {
        const message =
          error instanceof ServeConfigError
            ? error.message
            : error instanceof ZodError
              ? `--max-connections must be a positive integer (${error.issues.map((issue) => issue.message).join('; ')})`
              : undefined;
        if (message === undefined) throw error;
        process.stderr.write(`operon serve: ${message}\n`);
        process.exitCode = EXIT.invalid;
        return;
      }
      process.stdout.write(`Operon is serving ${dataDir}\nOpen ${server.url}\nCtrl-C stops it.\n`);
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          process.stderr.write('\nstopping: cancelling runs still going and flushing their logs…\n');
          resolve();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      await server.close();
    });
}
