import { z } from 'zod';
import type { ToolSpec } from '../../../llm/types.ts';
import type { ConfigProblem } from '../static-expressions.ts';
import { isPlainObject } from '../values.ts';
import { HttpToolSchema, httpTool } from './http-tool.ts';
import { MemorySearchToolSchema, memorySearchTool } from './memory-search-tool.ts';
import { ReadFileToolSchema, readFileTool } from './read-file-tool.ts';
import type { ToolContext, ToolKind } from './tool-kind.ts';
import { WorkflowToolSchema, workflowTool } from './workflow-tool.ts';

/**
 * The tool kinds. A new kind is one file with its schema and ToolKind, listed in both
 * places below; nothing else in the agent knows the kinds.
 */
export const AgentToolSchema = z.discriminatedUnion('kind', [
  HttpToolSchema,
  ReadFileToolSchema,
  WorkflowToolSchema,
  MemorySearchToolSchema,
]);
export type AgentTool = z.output<typeof AgentToolSchema>;

const TOOL_KINDS: { [K in AgentTool['kind']]: ToolKind<Extract<AgentTool, { kind: K }>> } = {
  http: httpTool,
  read_file: readFileTool,
  workflow: workflowTool,
  memory_search: memorySearchTool,
};

/** The implementation of a tool's kind (the map's type ties each kind to its tool type). */
function kindOf(tool: AgentTool): ToolKind<AgentTool> {
  return TOOL_KINDS[tool.kind];
}

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/** Runs one call of a tool with arguments already checked against its parameters. */
export function runTool(ctx: ToolContext, tool: AgentTool, args: Record<string, unknown>): Promise<unknown> {
  return kindOf(tool).run(ctx, tool, args);
}

/** What the model is told about the tools. */
export function toolSpecs(tools: readonly AgentTool[]): ToolSpec[] {
  return tools.map((tool) => ({ name: tool.name, description: tool.description, parameters: tool.parameters }));
}

/** Static problems with the tools: duplicate names, parameters that are not object schemas, the kinds' own checks. */
export function checkTools(tools: readonly AgentTool[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const seen = new Set<string>();
  tools.forEach((tool, index) => {
    const own: ConfigProblem[] = [];
    if (!TOOL_NAME.test(tool.name)) own.push({ path: 'name', message: 'use 1-64 letters, digits, "_" or "-"' });
    else if (seen.has(tool.name)) own.push({ path: 'name', message: `another tool is already called "${tool.name}"` });
    seen.add(tool.name);
    own.push(...checkParameters(tool.parameters), ...kindOf(tool).check(tool));
    problems.push(...own.map((problem) => ({ ...problem, path: `tools.${index}.${problem.path}` })));
  });
  return problems;
}

function checkParameters(schema: Record<string, unknown>): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (schema.type !== 'object') problems.push({ path: 'parameters.type', message: 'the arguments schema must have type: "object"' });
  if (schema.properties !== undefined && !isPlainObject(schema.properties))
    problems.push({ path: 'parameters.properties', message: 'must be an object of property schemas' });
  if (schema.required !== undefined && !(Array.isArray(schema.required) && schema.required.every((name) => typeof name === 'string')))
    problems.push({ path: 'parameters.required', message: 'must be an array of property names' });
  return problems;
}
