import { z } from 'zod';
import type { NodeContext } from '../../define-node-type.ts';
import type { ConfigProblem } from '../static-expressions.ts';

/** What a tool implementation may use from the agent's node context. */
export type ToolContext = Pick<
  NodeContext<unknown, unknown>,
  'http' | 'files' | 'memory' | 'runWorkflow' | 'template' | 'signal' | 'clock' | 'log'
>;

/** A JSON Schema for a tool's arguments; `check` reports one that is not `type: 'object'`. */
export const ParametersSchema = z
  .record(z.string(), z.unknown())
  .describe("A JSON Schema (type: 'object') for the arguments the model must give.")
  .meta({ ui: 'json-schema' });

/** The fields every tool has, whatever its kind. */
const toolBase = {
  name: z.string().default('').describe('The name the model calls the tool by: 1-64 letters, digits, "_" or "-".'),
  description: z.string().default('').describe('What the tool does and when to use it, for the model.').meta({ ui: 'textarea' }),
  requiresApproval: z.boolean().default(false).describe('Pause the run for a person to approve (or edit, or reject) each call.'),
};

/**
 * The config schema of one tool kind: the common fields, `kind`, its `parameters` (with the kind's default)
 * and its own `config`.
 */
export function toolSchema<const K extends string, C extends z.ZodType>(kind: K, config: C, defaultParameters: Record<string, unknown>) {
  return z.object({
    ...toolBase,
    kind: z.literal(kind),
    parameters: ParametersSchema.default(() => structuredClone(defaultParameters)),
    // Every field of a kind's config has a default, so a tool may leave `config` out.
    config: config.prefault({} as z.input<C>),
  });
}

/** One kind of tool: how its config is checked and how a call runs. `tools.ts` maps each kind to one of these. */
export interface ToolKind<T> {
  /** Static problems with the tool's config (templates compile, a workflow is named); paths are relative to the tool. */
  check(tool: T): ConfigProblem[];
  /** Runs one call with validated arguments; the result goes back to the model. Throws when the tool fails. */
  run(ctx: ToolContext, tool: T, args: Record<string, unknown>): Promise<unknown>;
}

/** The most characters of text a tool hands back to the model. */
export const MAX_TOOL_TEXT = 20_000;

/** Cuts text to MAX_TOOL_TEXT characters; the note says what was left out. */
export function truncateText(text: string): { text: string; note?: string } {
  if (text.length <= MAX_TOOL_TEXT) return { text };
  return {
    text: text.slice(0, MAX_TOOL_TEXT),
    note: `truncated: ${text.length} characters, only the first ${MAX_TOOL_TEXT} are shown`,
  };
}
