import { z } from 'zod';
import { PORT_TYPES } from '../nodes/ports.ts';
import { SummaryLineSchema } from '../nodes/summary.ts';
import { RunDocSchema } from '../run-log/run-doc-schema.ts';
import { IdSchema } from '../workflow/schema.ts';

/** Workspace ids are folder names: 1-64 letters, digits, `-` and `_` (as src-main/services/data-dir.ts checks). */
export const WorkspaceIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'workspace ids are 1-64 letters, digits, "-" and "_"')
  .default('default');

/** Workflow ids are file names in the workspace's workflows folder, so they use the workflow file's id rules. */
export const WorkflowIdSchema = IdSchema;

/** Node ids, as a workflow file allows them: what names a node's log file and its pin, so never a path. */
export const NodeIdSchema = IdSchema;

/** Run ids are folder names: no separators, no dots at the start. */
export const RunIdSchema = z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, 'not a run id');

export const WorkflowSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  /** Last write of the file, in ms since the epoch. */
  updatedAt: z.number(),
  nodes: z.int().nonnegative(),
  /** Set when the file could not be read as a workflow; the other fields are then best effort. */
  problem: z.string().optional(),
});
export type WorkflowSummary = z.infer<typeof WorkflowSummarySchema>;

/** An example workflow shipped with Operon, as the start page's gallery shows it. */
export const ExampleSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  nodes: z.int().nonnegative(),
  /** It calls a model (an LLM or agent node), so it needs a model provider and key to run. */
  needsModel: z.boolean(),
});
export type ExampleSummary = z.infer<typeof ExampleSummarySchema>;

export const PortDefSchema = z.object({
  type: z.enum(PORT_TYPES),
  required: z.boolean(),
  label: z.string().optional(),
  description: z.string().optional(),
});

/** A node type as the palette and the inspector need it: data only, the config as JSON Schema with its UI hints. */
export const NodeTypeInfoSchema = z.object({
  type: z.string(),
  version: z.int().positive(),
  kind: z.enum(['trigger', 'step']),
  title: z.string(),
  category: z.string(),
  description: z.string(),
  icon: z.string(),
  /** The key settings the canvas shows on a node of this type. */
  summary: z.array(SummaryLineSchema).optional(),
  defaultConfig: z.record(z.string(), z.unknown()),
  /** The ports for the default config (a Router's depend on its config). */
  inputs: z.record(z.string(), PortDefSchema),
  outputs: z.record(z.string(), PortDefSchema),
  configSchema: z.record(z.string(), z.unknown()),
});
export type NodeTypeInfo = z.infer<typeof NodeTypeInfoSchema>;

/** A configured model provider as the editor sees it: its name and the models it lists (providers.json `models`). */
export const ProviderInfoSchema = z.object({ name: z.string(), models: z.array(z.string()) });
export type ProviderInfo = z.infer<typeof ProviderInfoSchema>;

/** run.json as the API shows it: without the file's format version and the writing process, plus `interrupted`. */
const RunDocForApi = RunDocSchema.omit({ formatVersion: true, pid: true, host: true }).extend({
  /** Status running, but the process running it is gone. */
  interrupted: z.boolean(),
});

/** One run in a list (run.json without the workflow snapshot, inputs and outputs), or a run folder that could not be read. */
export const RunListEntrySchema = z.discriminatedUnion('kind', [
  RunDocForApi.omit({ workflow: true, inputs: true, outputs: true, pending: true })
    .extend({ kind: z.literal('run') })
    .loose(),
  z.object({ kind: z.literal('damaged'), runId: z.string(), problem: z.string() }),
]);
export type RunListEntry = z.infer<typeof RunListEntrySchema>;

/** A run's run.json: the summary plus its inputs, outputs, pending approvals and the workflow snapshot it ran. */
export const RunInfoSchema = RunDocForApi.loose();
export type RunInfo = z.infer<typeof RunInfoSchema>;
