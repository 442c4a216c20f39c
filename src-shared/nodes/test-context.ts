/**
 * Test helpers for node types: a real NodeContext with the real JSONata expressions, real timers,
 * an in-memory FileService and global fetch, recording log lines, partials and approval requests.
 * For unit tests only; the engine builds the real context.
 */
import type { Trigger } from './trigger-record.ts';
import { OperonError } from '../errors/operon-error.ts';
import { createExpressions } from '../expressions/jsonata.ts';
import type { Clock } from '../services/clock.ts';
import type { FileService, WriteMode } from '../services/files.ts';
import type { HttpService } from '../services/http.ts';
import { schemaErrors } from '../services/schema-check.ts';
import { createTimerClock } from '../services/timer-clock.ts';
import { createBuiltinRegistry } from './builtin.ts';
import type { ApprovalRequest, Decision } from './decision.ts';
import type { ConfigCheckHelpers, NodeContext, NodeType } from './define-node-type.ts';
import type { NodeRegistry } from './registry.ts';

export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  data: Record<string, unknown> | undefined;
}

/** What a test context saw the node do. Nested `runNode` calls record into the same lists. */
export interface TestRecording {
  logs: LogLine[];
  partials: { port: string; chunk: unknown }[];
  approvals: ApprovalRequest[];
}

export interface TestContextOptions {
  /** Raw config; parsed with the type's schema, so defaults apply. */
  config?: unknown;
  inputs?: Record<string, unknown>;
  runInputs?: Record<string, unknown>;
  decision?: Decision;
  secrets?: Record<string, string>;
  signal?: AbortSignal;
  clock?: Clock;
  http?: HttpService;
  files?: FileService;
  registry?: NodeRegistry;
  runWorkflow?: NodeContext<unknown, unknown>['runWorkflow'];
  recording?: TestRecording;
  /** The attempt the node runs as (default 1). */
  attempt?: number;
  /** What started the run (default `{ type: 'test' }`): a trigger node's test names it and gives the payload. */
  trigger?: Trigger;
}

/** Thrown by the test context's `waitForDecision`, as the engine's pause is. */
export class WaitingForDecisionError extends Error {
  readonly request: ApprovalRequest;
  constructor(request: ApprovalRequest) {
    super(`waiting for a decision: ${request.title}`);
    this.name = 'WaitingForDecisionError';
    this.request = request;
  }
}

/** A clock on real timers. */
export const realClock: Clock = createTimerClock();

/** An in-memory FileService; `files` holds the texts by path. */
export function createMemoryFiles(initial: Record<string, string> = {}): FileService & { files: Map<string, string> } {
  const files = new Map(Object.entries(initial));
  return {
    files,
    readText(path) {
      const text = files.get(path);
      if (text === undefined) return Promise.reject(new OperonError('OPR-110', `${path}: no such file`, { details: { path } }));
      return Promise.resolve(text);
    },
    writeText(path, text, mode: WriteMode) {
      const existing = files.get(path);
      if (mode === 'create' && existing !== undefined) {
        return Promise.reject(new OperonError('OPR-110', `${path}: file already exists`, { details: { path } }));
      }
      files.set(path, mode === 'append' ? (existing ?? '') + text : text);
      return Promise.resolve({ path, bytes: new TextEncoder().encode(text).length });
    },
  };
}

/** Check helpers over a registry: type lookup and inner-node config checks (schema, then the type's check). */
export function createCheckHelpers(registry: NodeRegistry = createBuiltinRegistry()): ConfigCheckHelpers {
  const helpers: ConfigCheckHelpers = {
    hasNodeType: (type) => registry.get(type) !== undefined,
    checkInnerNode(type, config) {
      const nodeType = registry.get(type);
      if (nodeType === undefined) return [{ path: '', message: `unknown node type "${type}"` }];
      const parsed = nodeType.config.safeParse(config ?? {});
      if (!parsed.success) return parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
      return nodeType.check(parsed.data, helpers);
    },
  };
  return helpers;
}

/** Builds a NodeContext for `nodeType`, and the recording of what it does. */
export function createTestContext(
  nodeType: NodeType,
  options: TestContextOptions = {},
): { context: NodeContext<unknown, Record<string, unknown>>; recording: TestRecording } {
  const recording = options.recording ?? { logs: [], partials: [], approvals: [] };
  const expressions = createExpressions();
  const inputs = options.inputs ?? {};
  const runInputs = options.runInputs ?? {};
  const secrets = options.secrets ?? {};
  const registry = options.registry ?? createBuiltinRegistry();
  const files = options.files ?? createMemoryFiles();
  const secret = (name: unknown): string => {
    const value = typeof name === 'string' ? secrets[name] : undefined;
    if (value === undefined) throw new OperonError('OPR-156', `secret ${JSON.stringify(name)} is not set`);
    return value;
  };
  const bindings = { inputs, run: runInputs, secret };
  const context: NodeContext<unknown, Record<string, unknown>> = {
    config: nodeType.config.parse(options.config ?? {}),
    inputs,
    node: { id: 'test-node', type: nodeType.type, label: undefined },
    run: { id: 'test-run', workflowId: 'test-workflow', inputs: runInputs, trigger: options.trigger ?? { type: 'test' } },
    attempt: options.attempt ?? 1,
    signal: options.signal ?? new AbortController().signal,
    clock: options.clock ?? realClock,
    http: options.http ?? { fetch: (url, init) => fetch(url, init) },
    files,
    secrets: { get: (name) => secrets[name] },
    log: (level, message, data) => recording.logs.push({ level, message, data }),
    evaluate: (expression, data, field, extra) => expressions.evaluate(expression, data, { ...bindings, ...extra }, field),
    template: (text, data, field) => expressions.template(text, data, bindings, field),
    checkSchema: (schema, value) => Promise.resolve(schemaErrors(schema, value)),
    emitPartial: (port, chunk) => recording.partials.push({ port, chunk }),
    llm: {
      chat: () => Promise.reject(new OperonError('OPR-120', 'no model calls in this test context: test LLM nodes through the engine')),
      spent: () => ({ calls: 0, tokens: 0, costUsd: 0 }),
    },
    memory: noMemory(),
    recordTool: () => undefined,
    decision: options.decision,
    waitedOn: undefined,
    waitForDecision(request) {
      recording.approvals.push(request);
      throw new WaitingForDecisionError(request);
    },
    runWorkflow:
      options.runWorkflow ?? (() => Promise.reject(new OperonError('OPR-111', 'runWorkflow is not set up in this test context'))),
    async runNode(type, config, innerInputs, signal) {
      const inner = registry.get(type);
      if (inner === undefined) throw new OperonError('OPR-010', `unknown node type "${type}"`);
      const parsed = inner.config.safeParse(config ?? {});
      if (!parsed.success) throw new OperonError('OPR-011', `invalid config for ${type}: ${parsed.error.message}`);
      const nested = createTestContext(inner, {
        ...options,
        config: parsed.data,
        inputs: innerInputs,
        signal,
        recording,
        files,
        registry,
        decision: undefined,
      });
      nested.context.waitForDecision = () => {
        throw new OperonError('OPR-112', 'approval cannot wait inside Map');
      };
      return await inner.run(nested.context);
    },
  };
  return { context, recording };
}

/** Runs a node type once in a test context; returns its outputs with the recording. */
export async function runTestNode(
  nodeType: NodeType,
  options: TestContextOptions = {},
): Promise<TestRecording & { outputs: Record<string, unknown> }> {
  const { context, recording } = createTestContext(nodeType, options);
  const outputs = await nodeType.run(context);
  return { outputs, ...recording };
}

/** Memory nodes are tested through the engine with LanceDB in src-main, not in this context. */
function noMemory(): NodeContext<unknown, Record<string, unknown>>['memory'] {
  const refuse = (): Promise<never> =>
    Promise.reject(new OperonError('OPR-140', 'no memory in this test context: test memory nodes through the engine with LanceDB'));
  return {
    write: refuse,
    search: refuse,
    list: refuse,
    delete: refuse,
    conversation: { read: refuse, append: refuse },
    knowledge: { upsert: refuse, lookup: refuse },
  };
}
