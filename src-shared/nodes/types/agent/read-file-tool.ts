import { z } from 'zod';
import { OperonError } from '../../../errors/operon-error.ts';
import { toolSchema, truncateText, type ToolKind } from './tool-kind.ts';

export const ReadFileToolSchema = toolSchema('read_file', z.object({}).describe('No settings: the model names the path.'), {
  type: 'object',
  required: ['path'],
  properties: { path: { type: 'string', description: "A file path relative to the workspace's files folder." } },
});
export type ReadFileTool = z.output<typeof ReadFileToolSchema>;

/**
 * Reads a text file through the workspace's file service, which confines paths to the files folder.
 * Long files are cut to the first MAX_TOOL_TEXT characters, with a note saying so.
 */
export const readFileTool: ToolKind<ReadFileTool> = {
  check: () => [],
  async run(ctx, _tool, args) {
    const path = args.path;
    if (typeof path !== 'string' || path.trim() === '') throw new OperonError('OPR-110', 'the "path" argument must be a non-empty string');
    const { text, note } = truncateText(await ctx.files.readText(path, ctx.signal));
    return note === undefined ? text : `${text}\n[${note}]`;
  },
};
