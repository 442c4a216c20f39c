import { OperonError } from '../../errors/operon-error.ts';
import type { ApprovalRequest, Decision } from '../../nodes/decision.ts';
import type { NodeContext, NodeLogger, NodeType } from '../../nodes/define-node-type.ts';
import { checkPortValue } from '../../nodes/ports.ts';
import { bindNodeMemory } from './node-memory-binding.ts';
import { createNodeLlm } from './node-llm-caller.ts';
import type { RunScope } from '../run-scope.ts';
import type { FileService } from '../../services/files.ts';
import { secretLeak } from '../secret-guard.ts';
import { checkSchemaSafely } from '../../services/schema-check.ts';

/** Thrown by `waitForDecision`; the engine turns it into the node's waiting state. */
export class WaitForDecision extends Error {
  readonly request: ApprovalRequest;
  constructor(request: ApprovalRequest) {
    super('waiting for a decision');
    this.name = 'WaitForDecision';
    this.request = request;
  }
}

export interface ContextTarget {
  nodeId: string;
  nodeType: NodeType;
  label: string | undefined;
  config: unknown;
  inputs: Record<string, unknown>;
  attempt: number;
  signal: AbortSignal;
  decision: Decision | undefined;
  /** The request the node waited on, when it runs again after a decision. */
  waitedOn: ApprovalRequest | undefined;
  log: NodeLogger;
  /** False for nodes run inside Map: they cannot pause the run. */
  canWait: boolean;
}

/** Builds the NodeContext a node type's run function receives. */
export function createNodeContext(scope: RunScope, target: ContextTarget): NodeContext<unknown, Record<string, unknown>> {
  const { services, secretGuard } = scope;
  const { nodeId, nodeType } = target;
  /** `$secret` reads the store only in a field the node sends: anywhere else the call itself fails the node. */
  const bindingsFor = (field: string) => ({
    inputs: target.inputs,
    run: scope.runInputs,
    secret: (name: unknown) => {
      if (typeof name !== 'string') throw new OperonError('OPR-156', `secret ${JSON.stringify(name)} is not set: its name must be a text`);
      if (!nodeType.sendsSecret(field)) throw secretLeak(nodeId, name.toUpperCase(), field);
      return secretGuard.resolve(name, { runId: scope.runId, nodeId });
    },
  });
  const log: NodeLogger = (level, message, data) => {
    const entry = { message, data };
    if (secretGuard.find(entry) === undefined) return target.log(level, message, data);
    // A node that sends secrets may name where it sent them (a URL with a key in its query): the log gets the name.
    if (!nodeType.sendsSecrets) secretGuard.check(nodeId, entry, 'its log');
    const redacted = secretGuard.redact(entry);
    target.log(level, redacted.message, redacted.data);
  };
  const files: FileService = {
    readText: (path, signal) => services.files.readText(path, signal),
    writeText: (path, text, mode) => {
      secretGuard.check(nodeId, { path, text }, `file "${path}"`);
      return services.files.writeText(path, text, mode);
    },
  };
  return {
    config: target.config,
    inputs: target.inputs,
    node: { id: target.nodeId, type: target.nodeType.type, label: target.label },
    run: { id: scope.runId, workflowId: scope.workflow.id, inputs: scope.runInputs, trigger: scope.request.trigger },
    attempt: target.attempt,
    signal: target.signal,
    clock: services.clock,
    http: services.http,
    files,
    secrets: {
      get: (name) => {
        const value = services.secrets.get(name, { runId: scope.runId, nodeId });
        if (value !== undefined) secretGuard.remember(name, value);
        return value;
      },
    },
    log,
    evaluate: (expression, data, field, extra) =>
      scope.expressions.evaluate(expression, data, { ...bindingsFor(field), ...extra }, `node "${nodeId}" ${field}`, target.signal),
    template: (text, data, field) => scope.expressions.template(text, data, bindingsFor(field), `node "${nodeId}" ${field}`, target.signal),
    checkSchema: (schema, value, what) =>
      checkSchemaSafely(services.sandbox, (ms, fn) => services.clock.setTimer(ms, fn), schema, value, what, target.signal),
    emitPartial: (port, chunk) => {
      secretGuard.check(nodeId, chunk, `its streamed output "${port}"`);
      scope.emit({ type: 'node.partial', nodeId, port, chunk });
    },
    llm: createNodeLlm(scope, target.nodeId, target.signal),
    memory: bindNodeMemory(scope, target.nodeId, target.signal),
    recordTool: (record) => {
      secretGuard.check(nodeId, record, `the record of its tool call "${record.tool}"`);
      scope.emit({ type: 'node.tool', nodeId, ...record });
    },
    decision: target.decision,
    waitedOn: target.waitedOn,
    waitForDecision: (request) => {
      if (!target.canWait)
        throw new OperonError('OPR-112', `node "${target.nodeId}" cannot wait for a decision inside a Map or sub-workflow`);
      throw new WaitForDecision(request);
    },
    runWorkflow: (ref, inputs, signal) => scope.runChild(ref, inputs, signal, target.nodeId),
    runNode: (type, config, inputs, signal) => runInnerNode(scope, target, type, config, inputs, signal),
  };
}

/** Runs one node outside the graph, for Map: no retries or cache of its own, logs into the calling node's log. */
async function runInnerNode(
  scope: RunScope,
  parent: ContextTarget,
  type: string,
  config: unknown,
  inputs: Record<string, unknown>,
  signal: AbortSignal,
): Promise<Record<string, unknown>> {
  const nodeType = scope.registry.get(type);
  if (nodeType === undefined) throw new OperonError('OPR-010', `unknown node type "${type}"`);
  const parsed = nodeType.config.safeParse(config);
  if (!parsed.success)
    throw new OperonError('OPR-011', `config of inner ${type} node: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  for (const [portId, port] of Object.entries(nodeType.inputPorts(parsed.data))) {
    const reason = inputs[portId] === undefined ? (port.required ? 'no value' : undefined) : checkPortValue(port.type, inputs[portId]);
    if (reason !== undefined) throw new OperonError('OPR-101', `inner ${type} node, input "${portId}": ${reason}`);
  }
  scope.countExecution();
  const context = createNodeContext(scope, {
    ...parent,
    nodeType,
    config: parsed.data,
    inputs,
    signal,
    decision: undefined,
    waitedOn: undefined,
    canWait: false,
  });
  return nodeType.run(context);
}
