import { z } from 'zod';
import { defineNodeType, type NodeContext } from '../define-node-type.ts';
import { OperonError } from '../../errors/operon-error.ts';
import { FILE_FORMATS, parseFile } from '../file-formats.ts';
import { port } from '../ports.ts';
import { checkTemplate } from './static-expressions.ts';
import { toText } from './values.ts';

/** The `format` config field shared by the file nodes. */
/** The path field of the file nodes. */
export const FilePathField = z
  .string()
  .default('')
  .describe('The file, relative to the files folder; {{ }} placeholders read the input ($).')
  .meta({ ui: 'template' });

export const FileFormatField = z
  .enum(FILE_FORMATS)
  .default('auto')
  .describe('text, json, jsonl (one JSON value a line) or csv (rows as objects); auto goes by the extension.')
  .meta({ ui: 'select' });

/** Fills a file node's path template; an empty result is an OPR-110 error. */
export async function resolvePath(ctx: Pick<NodeContext<unknown, unknown>, 'template'>, path: string, data: unknown): Promise<string> {
  const resolved = toText(await ctx.template(path, data, 'config.path')).trim();
  if (resolved === '') throw new OperonError('OPR-110', 'the file path is empty', { details: { field: 'config.path' } });
  return resolved;
}

/** Reads a file from the workspace's files folder and parses it by format. */
export const readFile = defineNodeType({
  type: 'core.read-file',
  version: 1,
  kind: 'step',
  cacheable: false, // the file may change between runs; its content is not in the cache key
  title: 'Read file',
  category: 'Files',
  description: "Reads a text, JSON, JSON Lines or CSV file from the workspace's files folder.",
  icon: 'file-input',
  summary: [{ field: 'path' }],
  config: z.object({
    path: FilePathField,
    format: FileFormatField,
  }),
  inputs: { in: port('any') },
  outputs: { out: port('any') },
  check: (config) => checkTemplate('path', config.path, true),
  run: async (ctx) => {
    const path = await resolvePath(ctx, ctx.config.path, ctx.inputs.in);
    const text = await ctx.files.readText(path, ctx.signal);
    return { out: parseFile(text, ctx.config.format, path) };
  },
});
