import type { Command } from 'commander';
import { ZodError } from 'zod';
import { ServeConfigError, startServer } from '../../serve/server.ts';
import { packagePath } from '../../services/package-root.ts';
import { checkedContext, type GlobalOptions } from '../cli-context.ts';
import { EXIT } from '../exit-codes.ts';

export interface ServeOptions extends GlobalOptions {
  port: number;
  host: string;
  token?: string;
  maxConnections?: number;
}

/** `operon serve`: the editor in a browser and the API over a WebSocket, until Ctrl-C or SIGTERM. */
export async function serveCommand(options: ServeOptions, command: Command): Promise<void> {
  const all = { ...command.optsWithGlobals<GlobalOptions>(), ...options };
  const { dataDir } = await checkedContext(all);
  const token = all.token ?? (process.env.OPERON_TOKEN === '' ? undefined : process.env.OPERON_TOKEN);
  let server;
  try {
    server = await startServer({
      host: all.host,
      port: all.port,
      dataDir,
      // The built editor, shipped in the package (npm run build makes it).
      staticDir: packagePath('out/renderer'),
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
}
