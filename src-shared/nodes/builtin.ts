import type { NodeType } from './define-node-type.ts';
import { createRegistry, type NodeRegistry } from './registry.ts';
import { agentNode } from './types/agent.ts';
import { approval } from './types/approval.ts';
import { condition } from './types/condition.ts';
import { delay } from './types/delay.ts';
import { httpRequest } from './types/http-request.ts';
import { llm } from './types/llm.ts';
import { manualTrigger } from './types/manual-trigger.ts';
import { errorTrigger } from './types/triggers/error-trigger.ts';
import { fileWatchTrigger } from './types/triggers/file-watch-trigger.ts';
import { scheduleTrigger } from './types/triggers/schedule-trigger.ts';
import { webhookTrigger } from './types/triggers/webhook-trigger.ts';
import { workflowFinishedTrigger } from './types/triggers/workflow-finished-trigger.ts';
import { map } from './types/map.ts';
import { conversationAppend } from './types/memory/conversation-append.ts';
import { conversationRead } from './types/memory/conversation-read.ts';
import { knowledgeLookup } from './types/memory/knowledge-lookup.ts';
import { knowledgeUpsert } from './types/memory/knowledge-upsert.ts';
import { memoryDelete } from './types/memory/memory-delete.ts';
import { memorySearch } from './types/memory/memory-search.ts';
import { memoryWrite } from './types/memory/memory-write.ts';
import { merge } from './types/merge.ts';
import { output } from './types/output.ts';
import { readFile } from './types/read-file.ts';
import { router } from './types/router.ts';
import { subWorkflow } from './types/sub-workflow.ts';
import { transform } from './types/transform.ts';
import { writeFile } from './types/write-file.ts';

/** Every built-in node type, in palette order. */
export const builtinNodeTypes: NodeType[] = [
  manualTrigger,
  scheduleTrigger,
  webhookTrigger,
  fileWatchTrigger,
  workflowFinishedTrigger,
  errorTrigger,
  output,
  transform,
  condition,
  router,
  merge,
  map,
  delay,
  subWorkflow,
  approval,
  llm,
  agentNode,
  memoryWrite,
  memorySearch,
  memoryDelete,
  conversationRead,
  conversationAppend,
  knowledgeUpsert,
  knowledgeLookup,
  httpRequest,
  readFile,
  writeFile,
];

/** A registry of the built-in node types. */
export function createBuiltinRegistry(): NodeRegistry {
  return createRegistry(builtinNodeTypes);
}
