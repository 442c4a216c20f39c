import { z } from 'zod';
import { ApprovalGuardFields } from '../../approval-guard.ts';
import { ModelChoiceFields } from '../model-choice.ts';
import { AgentToolSchema } from './tools.ts';

/** The Agent node's config: the model, its instructions and task, its tools and its limits. */
export const AgentConfig = z.object({
  ...ModelChoiceFields,
  instructions: z
    .string()
    .default('You are a careful assistant. Use the tools when they help.')
    .describe('The system message; {{ }} placeholders read the input ($).')
    .meta({ ui: 'template' }),
  task: z
    .string()
    .default('{{ $string($) }}')
    .describe('The user message; {{ }} placeholders read the input ($).')
    .meta({ ui: 'template' }),
  tools: z
    .array(AgentToolSchema)
    .default([])
    .describe('The tools the model may call: http, read_file, workflow or memory_search, each with a JSON Schema for its arguments.')
    .meta({ ui: 'json' }),
  maxIterations: z.int().min(1).max(50).default(8).describe('The most model calls before the agent stops with OPR-125.'),
  maxTokens: z
    .int()
    .positive()
    .optional()
    .describe('The most tokens (prompt and completion) this node may use; checked before each model call.'),
  maxCostUsd: z.number().positive().optional().describe('The most this node may spend, in USD; checked before each model call.'),
  /** Who may decide its tools' approvals (tools with approval on). */
  ...ApprovalGuardFields,
});
export type AgentConfig = z.output<typeof AgentConfig>;
