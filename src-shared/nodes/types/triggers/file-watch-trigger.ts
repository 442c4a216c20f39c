import { z } from 'zod';
import { filePatternProblem } from '../../../triggers/file-pattern.ts';
import { defineNodeType } from '../../define-node-type.ts';
import { port } from '../../ports.ts';
import { firedWith } from './trigger-payload.ts';

/** What a File watch trigger emits for one file. */
export interface FileWatchPayload {
  /** Relative to the workspace's files folder (what Read file takes). */
  path: string;
  name: string;
  size: number;
  /** SHA-256 of the content, hex: a file is passed once per content. */
  hash: string;
  event: 'added' | 'changed';
}

/** Why a folder is refused: absolute, or leaving the files folder. */
export function watchFolderProblem(folder: string): string | undefined {
  if (folder.trim() === '') return undefined; // the files folder itself
  if (folder.startsWith('/') || /^[A-Za-z]:/.test(folder) || folder.includes('\\'))
    return 'the folder is a path inside the workspace\'s files folder ("inbox", "clients/acme"), not an absolute path';
  if (folder.split('/').some((part) => part === '..')) return 'the folder must stay inside the workspace\'s files folder (no "..")';
  return undefined;
}

/**
 * Starts the workflow once for each new (or changed) file in a folder inside the workspace's files folder, while it is
 * active: an inbox of CSVs. Writes are waited out (debounced); a file's content is passed once, remembered across restarts.
 */
export const fileWatchTrigger = defineNodeType({
  type: 'core.file-watch-trigger',
  version: 1,
  kind: 'trigger',
  title: 'File watch',
  category: 'Triggers',
  description: "Starts the workflow for each new or changed file in a folder of the workspace's files.",
  icon: 'folder-input',
  summary: [{ field: ['folder', 'pattern'] }],
  config: z.object({
    folder: z.string().default('inbox').describe("The folder to watch, inside the workspace's files folder (created when missing)."),
    pattern: z
      .string()
      .default('*')
      .describe('Which file names start a run: a glob ("*.csv", "report-*.xlsx", "*.{csv,tsv}"), case ignored; "*" is every file.'),
    on: z
      .enum(['added', 'addedOrChanged'])
      .default('addedOrChanged')
      .describe('added: new files only; addedOrChanged: also a file whose content changed.')
      .meta({ ui: 'select' }),
    debounceMs: z
      .int()
      .min(50)
      .max(60_000)
      .default(1_000)
      .describe('How long a file must stay unchanged before it is passed on, in milliseconds (lets a copy finish).'),
  }),
  inputs: {},
  outputs: { out: port('object', { description: '{ path, name, size, hash, event }' }) },
  check: (config) => {
    const folder = watchFolderProblem(config.folder);
    const pattern = filePatternProblem(config.pattern);
    return [
      ...(folder === undefined ? [] : [{ path: 'folder', message: folder }]),
      ...(pattern === undefined ? [] : [{ path: 'pattern', message: pattern }]),
    ];
  },
  run: (ctx) =>
    Promise.resolve({
      out: firedWith<FileWatchPayload>(ctx, () => {
        const name = typeof ctx.run.inputs.name === 'string' ? ctx.run.inputs.name : 'example.csv';
        const folder = ctx.config.folder.replace(/\/+$/, '');
        return { path: folder === '' ? name : `${folder}/${name}`, name, size: 0, hash: '', event: 'added' };
      }),
    }),
});
