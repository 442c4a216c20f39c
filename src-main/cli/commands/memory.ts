import type { Command } from 'commander';
import pc from 'picocolors';
import type { MemoryFilter, MemoryHit, MemoryRecord } from '../../../src-shared/memory/types.ts';
import { offlineModelsDir, openMemoryForCli, type CliMemory } from '../../host/memory-host.ts';
import { createOfflineEmbedder, offlineCachePath } from '../../services/memory/embedders/offline-embedder.ts';
import { checkedContext, type GlobalOptions } from '../cli-context.ts';
import { createConversionReport } from '../conversion-report.ts';

export interface AddOptions {
  collection: string;
  key?: string;
  tag: string[];
  metadata?: string;
  json?: boolean;
}

/** `operon memory add TEXT`. */
export async function addCommand(text: string, options: AddOptions, command: Command): Promise<void> {
  if (text.trim() === '') command.error('error: the text is empty', { exitCode: 2 });
  const metadata = parseMetadata(command, options.metadata);
  await withMemory(command, async (store) => {
    const [record] = await store.write(
      [
        {
          collection: options.collection,
          text,
          ...(options.key === undefined ? {} : { key: options.key }),
          metadata,
          tags: options.tag,
        },
      ],
      {},
    );
    if (options.json === true) process.stdout.write(`${JSON.stringify(record)}\n`);
    else if (record !== undefined)
      process.stdout.write(`${record.id}  ${pc.dim(record.collection)}${record.key === null ? '' : pc.dim(` [${record.key}]`)}\n`);
  });
}

export interface SearchOptions {
  collection?: string;
  top: number;
  mode: string;
  minScore?: number;
  tag: string[];
  json?: boolean;
}

/** `operon memory search QUERY`. */
export async function searchCommand(query: string, options: SearchOptions, command: Command): Promise<void> {
  if (!Number.isInteger(options.top) || options.top < 1 || options.top > 100)
    command.error('error: --top must be a whole number from 1 to 100', { exitCode: 2 });
  if (options.mode !== 'vector' && options.mode !== 'hybrid') command.error('error: --mode must be vector or hybrid', { exitCode: 2 });
  if (options.minScore !== undefined && !(options.minScore >= 0 && options.minScore <= 1))
    command.error('error: --min-score must be a number from 0 to 1', { exitCode: 2 });
  await withMemory(command, async (store) => {
    const hits = await store.search({
      text: query,
      topK: options.top,
      mode: options.mode as 'vector' | 'hybrid',
      ...(options.minScore === undefined ? {} : { minScore: options.minScore }),
      filter: filterOf(options.collection, options.tag),
    });
    if (options.json === true) process.stdout.write(`${JSON.stringify(hits)}\n`);
    else printHits(hits);
  });
}

/** `operon memory list`. */
export async function listCommand(options: { collection?: string; limit: number; json?: boolean }, command: Command): Promise<void> {
  if (!Number.isInteger(options.limit) || options.limit < 1)
    command.error('error: --limit must be a positive whole number', { exitCode: 2 });
  await withMemory(command, async (store) => {
    const records = await store.list(filterOf(options.collection, []), options.limit);
    if (options.json === true) process.stdout.write(`${JSON.stringify(records)}\n`);
    else if (records.length === 0) process.stdout.write('no records\n');
    else for (const record of records) process.stdout.write(`${recordLine(record)}\n`);
  });
}

export interface DeleteOptions {
  id: string[];
  key: string[];
  tag: string[];
  collection?: string;
  all?: boolean;
}

/** `operon memory delete`. */
export async function deleteCommand(options: DeleteOptions, command: Command): Promise<void> {
  const selectors = [options.id.length > 0, options.key.length > 0, options.tag.length > 0, options.all === true].filter(Boolean).length;
  if (selectors !== 1)
    command.error('error: give exactly one of --id, --key (with --collection), --tag, or --all --collection', { exitCode: 2 });
  if ((options.key.length > 0 || options.all === true) && options.collection === undefined)
    command.error(`error: ${options.all === true ? '--all' : '--key'} needs --collection`, { exitCode: 2 });
  await withMemory(command, async (store) => {
    const deleted = await store.delete({
      ...(options.id.length > 0 ? { ids: options.id } : {}),
      ...(options.key.length > 0 ? { keys: options.key } : {}),
      filter: filterOf(options.collection, options.tag),
    });
    process.stdout.write(`deleted ${deleted} record${deleted === 1 ? '' : 's'}\n`);
  });
}

/** `operon memory reindex`. */
export async function reindexCommand(command: Command): Promise<void> {
  await withMemory(command, async (store) => {
    const { rows, embedder } = await store.reindex();
    process.stdout.write(`reindexed ${rows} record${rows === 1 ? '' : 's'} with ${embedder}\n`);
  });
}

/**
 * `operon memory prepare`: converts the offline embedder's word vectors now (about 15 s, once per data folder), so the
 * first memory command or memory node later does not wait for it. Says so when they are converted already.
 */
export async function prepareCommand(command: Command): Promise<void> {
  const { dataDir } = await checkedContext(command.optsWithGlobals<GlobalOptions>());
  const cacheDir = offlineModelsDir(dataDir);
  const report = createConversionReport(process.stderr, process.stderr.isTTY);
  let converted = false;
  await createOfflineEmbedder({
    cacheDir,
    onConvert: (progress) => {
      converted = true;
      report(progress);
    },
  });
  process.stdout.write(
    `${converted ? 'the offline embedder is ready' : 'the offline embedder was ready already'}: ${offlineCachePath(cacheDir)}\n`,
  );
}

/** Opens the workspace's memory for one command and always closes it. */
async function withMemory(command: Command, use: (store: CliMemory) => Promise<void>): Promise<void> {
  const { dataDir, workspace } = await checkedContext(command.optsWithGlobals<GlobalOptions>());
  const onEmbedderConversion = createConversionReport(process.stderr, process.stderr.isTTY);
  const store = await openMemoryForCli({ dataDir, workspace, env: process.env, onEmbedderConversion });
  try {
    await use(store);
  } finally {
    await store.close();
  }
}

function parseMetadata(command: Command, text: string | undefined): Record<string, unknown> {
  if (text === undefined) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    command.error(`error: --metadata is not JSON: ${error instanceof Error ? error.message : String(error)}`, { exitCode: 2 });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    command.error('error: --metadata must be a JSON object', { exitCode: 2 });
  return value as Record<string, unknown>;
}

function filterOf(collection: string | undefined, tags: string[]): MemoryFilter {
  return { ...(collection === undefined ? {} : { collection }), ...(tags.length === 0 ? {} : { tags }) };
}

function printHits(hits: MemoryHit[]): void {
  if (hits.length === 0) {
    process.stdout.write('no matches\n');
    return;
  }
  // Hybrid scores are fused ranks (at most 2/61); the similarity and the text rank are what a person can read.
  for (const hit of hits) {
    const why = [
      hit.vectorScore === null ? undefined : `similarity ${hit.vectorScore.toFixed(2)}`,
      hit.textRank === null ? undefined : `text rank ${hit.textRank}`,
    ]
      .filter((part) => part !== undefined)
      .join(', ');
    process.stdout.write(`${pc.bold(hit.score.toFixed(3))}  ${pc.dim(`(${why})`)}  ${recordLine(hit.record)}\n`);
  }
}

function recordLine(record: MemoryRecord): string {
  const source = [record.source.workflowId, record.source.runId, record.source.nodeId].filter((part) => part !== undefined).join('/');
  const text = record.text.length > 120 ? `${record.text.slice(0, 120)}…` : record.text;
  return `${record.id}  ${pc.dim(record.collection)}${record.key === null ? '' : pc.dim(` [${record.key}]`)}  ${text.replaceAll('\n', ' ')}${source === '' ? '' : pc.dim(`  (${source})`)}`;
}
