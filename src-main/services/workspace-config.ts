import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { OperonError } from '../../src-shared/errors/operon-error.ts';
import type { PriceTable } from '../../src-shared/llm/types.ts';
import { describeJsonError } from '../../src-shared/workflow/parse.ts';
import { formatPath } from '../../src-shared/workflow/problem-path.ts';

/** How a workspace embeds memory: the offline default, or a provider's embeddings model (see docs/embeddings.md). */
export const EmbedderSettingsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('offline') }),
  z.object({ kind: z.literal('provider'), provider: z.string().min(1), model: z.string().min(1), dimension: z.int().positive() }),
]);
export type EmbedderSettings = z.infer<typeof EmbedderSettingsSchema>;

/** `workspaces/<id>/settings.json`: the workspace's own settings: its model budget and its memory embedder. */
export const WorkspaceSettingsSchema = z.object({
  budgets: z.object({ maxCostUsd: z.number().nonnegative().optional() }).default({}),
  memory: z.object({ embedder: EmbedderSettingsSchema.default({ kind: 'offline' }) }).default({ embedder: { kind: 'offline' } }),
});
export type WorkspaceSettings = z.infer<typeof WorkspaceSettingsSchema>;

export const PriceTableSchema = z.object({
  currency: z.literal('USD'),
  models: z.record(z.string(), z.object({ inputPerMTok: z.number().nonnegative(), outputPerMTok: z.number().nonnegative() })),
});

/** The workspace settings, or the defaults when the file does not exist. A bad file is an error naming it. */
export async function loadWorkspaceSettings(workspaceRoot: string): Promise<WorkspaceSettings> {
  return (await readJsonFile(path.join(workspaceRoot, 'settings.json'), WorkspaceSettingsSchema)) ?? WorkspaceSettingsSchema.parse({});
}

/** The price table: the workspace's own prices.json if it has one, else the one shipped in resources/. */
export async function loadPrices(workspaceRoot: string, shipped: string): Promise<PriceTable> {
  const own = await readJsonFile(path.join(workspaceRoot, 'prices.json'), PriceTableSchema);
  if (own !== undefined) return own;
  const table = await readJsonFile(shipped, PriceTableSchema);
  if (table === undefined) throw new OperonError('OPR-157', `${shipped}: the price table is missing`);
  return table;
}

async function readJsonFile<S extends z.ZodType>(file: string, schema: S): Promise<z.output<S> | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new OperonError('OPR-157', `${file}: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new OperonError('OPR-157', `${file}: ${describeJsonError(text, error)}`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new OperonError(
      'OPR-157',
      `${file}: ${parsed.error.issues.map((issue) => `${formatPath(issue.path) || '(top level)'}: ${issue.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}
