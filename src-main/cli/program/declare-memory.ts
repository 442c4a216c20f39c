import type { Command } from 'commander';
import type { AddOptions, DeleteOptions, SearchOptions } from '../commands/memory.ts';
import { collect } from './collect.ts';

/** Declares `operon memory …`; commands/memory.ts (and with it LanceDB and the embedder) loads only when one runs. */
export function declareMemory(program: Command): void {
  const memory = program
    .command('memory')
    .description("Add to, search, list and delete the workspace's memory; prepare the offline embedder ahead");
  const load = () => import('../commands/memory.ts');

  memory
    .command('add')
    .description('Remember a text')
    .argument('<text>')
    .option('--collection <name>', 'the collection', 'notes')
    .option('--key <key>', 'replaces the record with this key in the collection')
    .option('--tag <tag>', 'a tag (repeatable)', collect, [])
    .option('--metadata <json>', 'a JSON object stored with the record')
    .option('--json', 'print the stored record as JSON')
    .action(async (text: string, options: AddOptions, command: Command) => (await load()).addCommand(text, options, command));

  memory
    .command('search')
    .description('Find the records closest in meaning to a query')
    .argument('<query>')
    .option('--collection <name>', 'only this collection')
    .option('--top <k>', 'at most this many (1-100)', (v) => Number(v), 5)
    .option('--mode <mode>', 'vector (by meaning) or hybrid (meaning and words)', 'hybrid')
    .option('--min-score <s>', 'drop hits whose similarity is below this (0-1)', (v) => Number(v))
    .option('--tag <tag>', 'only records with this tag (repeatable)', collect, [])
    .option('--json', 'print the hits as JSON')
    .action(async (query: string, options: SearchOptions, command: Command) => (await load()).searchCommand(query, options, command));

  memory
    .command('list')
    .description('The records, newest first')
    .option('--collection <name>', 'only this collection')
    .option('--limit <n>', 'at most this many', (v) => Number(v), 50)
    .option('--json', 'print JSON')
    .action(async (options: { collection?: string; limit: number; json?: boolean }, command: Command) =>
      (await load()).listCommand(options, command),
    );

  memory
    .command('delete')
    .description('Forget records: by --id, by --key (with --collection), by --tag, or --all of a --collection')
    .option('--id <id>', 'a record id (repeatable)', collect, [])
    .option('--key <key>', 'a record key, with --collection (repeatable)', collect, [])
    .option('--tag <tag>', 'records with every one of these tags (repeatable)', collect, [])
    .option('--collection <name>', 'the collection')
    .option('--all', 'every record of --collection')
    .action(async (options: DeleteOptions, command: Command) => (await load()).deleteCommand(options, command));

  memory
    .command('reindex')
    .description("Embed every record again with the workspace's current embedder (after changing it: OPR-141)")
    .action(async (_options: unknown, command: Command) => (await load()).reindexCommand(command));

  memory
    .command('prepare')
    .description("Convert the offline embedder's word vectors now (about 15 s, once per data folder) rather than at first use")
    .action(async (_options: unknown, command: Command) => (await load()).prepareCommand(command));
}
