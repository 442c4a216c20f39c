import { z } from 'zod';
import { defineNodeType } from '../define-node-type.ts';
import { resolveFormat, serialiseFile } from '../file-formats.ts';
import { port } from '../ports.ts';
import { FileFormatField, FilePathField, resolvePath } from './read-file.ts';
import { checkTemplate } from './static-expressions.ts';

/** Declared outside the call so `required: true` keeps its literal type. */
const WRITE_INPUTS = { in: port('any', { required: true }) };

/**
 * Writes its input to a file in the workspace's files folder, serialised by format (csv takes an
 * array of objects). Appending CSV to a file that already has text leaves the header row out.
 */
export const writeFile = defineNodeType({
  type: 'core.write-file',
  version: 1,
  kind: 'step',
  cacheable: false, // it writes a file: a cache hit would skip the write
  // An overwrite is atomic (temp file and rename): writing the same text again is the same. Appending twice is not, and
  // create fails if the first attempt made the file: a person says whether it did.
  onInterrupted: (config) => (config.mode === 'overwrite' ? 'rerun' : 'ask'),
  title: 'Write file',
  category: 'Files',
  description: "Writes the input to a text, JSON, JSON Lines or CSV file in the workspace's files folder.",
  icon: 'file-output',
  summary: [{ field: 'path' }, { field: 'mode', label: 'Mode' }],
  config: z.object({
    path: FilePathField,
    format: FileFormatField,
    mode: z
      .enum(['overwrite', 'append', 'create'])
      .default('overwrite')
      .describe('overwrite the file, append to it, or create it (failing if it exists).')
      .meta({ ui: 'select' }),
  }),
  inputs: WRITE_INPUTS,
  outputs: { out: port('object') },
  check: (config) => checkTemplate('path', config.path, true),
  run: async (ctx) => {
    const { format, mode } = ctx.config;
    const path = await resolvePath(ctx, ctx.config.path, ctx.inputs.in);
    let header = true;
    if (mode === 'append' && resolveFormat(format, path) === 'csv') {
      const existing = await ctx.files.readText(path, ctx.signal).catch(() => '');
      header = existing === '';
    }
    const written = await ctx.files.writeText(path, serialiseFile(ctx.inputs.in, format, path, { header }), mode);
    ctx.log('info', `wrote ${written.bytes} bytes to ${written.path} (${mode})`, { path: written.path, bytes: written.bytes, mode });
    return { out: { path: written.path, bytes: written.bytes } };
  },
});
