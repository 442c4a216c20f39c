import { OperonError, toErrorInfo, type ErrorInfo } from '../errors/operon-error.ts';
import type { ApprovalRequest, Decision } from '../nodes/decision.ts';
import type { NodeLogger } from '../nodes/define-node-type.ts';
import { checkPortValue } from '../nodes/ports.ts';
import type { GraphNode } from '../workflow/graph.ts';
import { ERROR_PORT } from '../workflow/graph.ts';
import { retryDelay } from './backoff.ts';
import { canonicalJson } from './canonical-json.ts';
import { interruptPolicyOf } from './interrupted-nodes.ts';
import { createNodeContext, WaitForDecision } from './node-context/node-context.ts';
import type { RunScope } from './run-scope.ts';
import { secretLeak } from './secret-guard.ts';

/** What a node starts with when it runs again: a person's decision and what it answered, the attempt to start at. */
export interface ResumedNode {
  decision: Decision | undefined;
  waitedOn: ApprovalRequest | undefined;
  /** 1, or the attempt of a resumed run's interrupted or retrying node (the same attempt keeps its Idempotency-Key). */
  firstAttempt: number;
}

/** How one node's execution ended. */
export type NodeOutcome =
  | { kind: 'succeeded' | 'cached'; outputs: Record<string, unknown> }
  | { kind: 'failed'; error: ErrorInfo; handled: 'route' | 'continue' | undefined; outputs: Record<string, unknown> }
  | { kind: 'waiting'; request: ApprovalRequest }
  | { kind: 'cancelled' };

/**
 * Runs one node: checks its inputs against its ports, consults the result cache, then makes attempts with
 * a timeout each and retries with backoff for retryable errors; a final error follows the node's onError policy.
 * Emits the node's events as it goes. Never throws.
 */
export async function executeNode(
  scope: RunScope,
  graphNode: GraphNode,
  inputs: Record<string, unknown>,
  resumed: ResumedNode,
): Promise<NodeOutcome> {
  const { node, nodeType } = graphNode;
  const { firstAttempt } = resumed;
  let { decision, waitedOn } = resumed;
  const settings = scope.workflow.settings;
  const timeoutMs = node.settings?.timeoutMs ?? settings.defaultTimeoutMs;
  const retries = node.settings?.retries ?? settings.defaultRetries;
  const baseDelay = node.settings?.retryDelayMs ?? settings.defaultRetryDelayMs;
  const startedAt = scope.services.clock.now();
  const finish = (
    outcome: NodeOutcome,
    attempts: number,
    extra: { cacheKey?: string; cachedFrom?: { runId: string; nodeId: string } } = {},
  ): NodeOutcome => {
    if (outcome.kind === 'succeeded' || outcome.kind === 'cached' || outcome.kind === 'failed') {
      scope.emit({
        type: 'node.finished',
        nodeId: node.id,
        status: outcome.kind,
        outputs: outcome.outputs,
        durationMs: scope.services.clock.now() - startedAt,
        attempts,
        ...extra,
        ...(outcome.kind === 'failed' && outcome.handled !== undefined ? { errorHandled: outcome.handled } : {}),
      });
    }
    return outcome;
  };

  if (waitedOn?.interrupted !== undefined && decision !== undefined) {
    // A person answered for an interrupted node (interrupted-nodes.ts): reject fails it, approve runs it again.
    const { attempt } = waitedOn.interrupted;
    if (decision.decision === 'rejected') {
      const comment = decision.comment === undefined ? '' : `: ${decision.comment}`;
      const error = new OperonError(
        'OPR-196',
        `node "${node.id}" was interrupted and is not run again: rejected by ${decision.by}${comment}`,
        { nodeId: node.id, details: { attempt, by: decision.by } },
      );
      return finish(failWith(scope, graphNode, error.toInfo(), attempt), attempt);
    }
    scope.emit({
      type: 'node.log',
      nodeId: node.id,
      level: 'info',
      message: `approved by ${decision.by}: runs again as attempt ${attempt}`,
    });
    decision = undefined;
    waitedOn = undefined;
  }
  // A node that reaches outside the run has its start on disk before it acts, so a resume knows it may have acted.
  const actsOutside = interruptPolicyOf(scope.registry, nodeType, node.config) !== 'rerun';

  const inputError = checkInputs(graphNode, inputs);
  if (inputError !== undefined) {
    scope.emit({ type: 'node.started', nodeId: node.id, attempt: 1, inputs });
    return finish(failWith(scope, graphNode, inputError, 1), 1);
  }

  let cacheKey: string | undefined;
  if (scope.cacheEnabled(node.settings?.cache) && nodeType.cacheable(node.config)) {
    // Any node can read the run inputs ($run), so they are part of the key with its own inputs.
    const key = { type: nodeType.type, version: nodeType.version, config: node.config, inputs, run: scope.runInputs };
    cacheKey = await scope.services.sha256(canonicalJson(key));
    const hit = await scope.services.cache.get(cacheKey);
    if (hit !== undefined) {
      scope.emit({
        type: 'node.log',
        nodeId: node.id,
        level: 'info',
        message: `cache hit: reused the output of run ${hit.runId}, node "${hit.nodeId}"`,
        data: { cacheKey },
      });
      return finish({ kind: 'cached', outputs: hit.outputs }, 0, { cacheKey, cachedFrom: { runId: hit.runId, nodeId: hit.nodeId } });
    }
  }

  const cancelled = (attempt: number): NodeOutcome => {
    scope.emit({ type: 'node.error', nodeId: node.id, attempt, error: toErrorInfo(scope.signal.reason, 'OPR-104'), handling: 'fail' });
    scope.emit({
      type: 'node.finished',
      nodeId: node.id,
      status: 'failed',
      outputs: {},
      durationMs: scope.services.clock.now() - startedAt,
      attempts: attempt,
    });
    return { kind: 'cancelled' };
  };
  const log: NodeLogger = (level, message, data) =>
    scope.emit({ type: 'node.log', nodeId: node.id, level, message, ...(data === undefined ? {} : { data }) });
  for (let attempt = firstAttempt; ; attempt++) {
    if (scope.signal.aborted) return cancelled(attempt - 1);
    try {
      scope.countExecution();
    } catch (error) {
      return finish(failWith(scope, graphNode, toErrorInfo(error), attempt), attempt);
    }
    scope.emit({ type: 'node.started', nodeId: node.id, attempt, inputs });
    if (actsOutside && !(await scope.persistStarted())) return cancelled(attempt);
    const result = await runAttempt(scope, graphNode, inputs, attempt, timeoutMs, { decision, waitedOn }, log);
    if (result.kind === 'ok') {
      for (const [port, value] of Object.entries(result.outputs)) if (value === undefined) result.outputs[port] = null;
      const outputError = checkOutputs(graphNode, result.outputs) ?? secretInOutputs(scope, node.id, result.outputs);
      if (outputError !== undefined) return finish(failWith(scope, graphNode, outputError, attempt), attempt);
      if (cacheKey !== undefined)
        await scope.services.cache.set(cacheKey, {
          outputs: result.outputs,
          runId: scope.runId,
          nodeId: node.id,
          createdAt: scope.services.clock.now(),
        });
      return finish({ kind: 'succeeded', outputs: result.outputs }, attempt, cacheKey === undefined ? {} : { cacheKey });
    }
    if (result.kind === 'waiting') {
      scope.emit({ type: 'node.waiting', nodeId: node.id, request: result.request });
      return result;
    }
    if (result.kind === 'cancelled') return cancelled(attempt);
    if (result.error.retryable === true && attempt <= retries) {
      const delayMs = retryDelay(attempt, baseDelay, scope.services.random);
      scope.emit({ type: 'node.retry', nodeId: node.id, attempt, error: result.error, delayMs });
      try {
        await scope.services.clock.sleep(delayMs, scope.signal);
      } catch {
        return cancelled(attempt);
      }
      continue;
    }
    return finish(failWith(scope, graphNode, result.error, attempt), attempt);
  }
}

type AttemptResult =
  | { kind: 'ok'; outputs: Record<string, unknown> }
  | { kind: 'error'; error: ErrorInfo }
  | { kind: 'waiting'; request: ApprovalRequest }
  | { kind: 'cancelled' };

async function runAttempt(
  scope: RunScope,
  graphNode: GraphNode,
  inputs: Record<string, unknown>,
  attempt: number,
  timeoutMs: number,
  resumed: { decision: Decision | undefined; waitedOn: ApprovalRequest | undefined },
  log: NodeLogger,
): Promise<AttemptResult> {
  const { node, nodeType } = graphNode;
  const controller = new AbortController();
  // Built only when it fires: capturing a stack for every attempt was the engine's largest cost per node.
  let timeout: OperonError | undefined;
  const cancelTimer = scope.services.clock.setTimer(timeoutMs, () => {
    timeout = new OperonError('OPR-100', `node "${node.id}" timed out after ${timeoutMs} ms`, { retryable: true, nodeId: node.id });
    controller.abort(timeout);
  });
  const onRunAbort = (): void => controller.abort(scope.signal.reason);
  scope.signal.addEventListener('abort', onRunAbort, { once: true });
  let stopWaiting: () => void = () => undefined;
  const aborted = new Promise<never>((_, reject) => {
    const onAbort = (): void => reject(controller.signal.reason as Error);
    controller.signal.addEventListener('abort', onAbort, { once: true });
    stopWaiting = () => controller.signal.removeEventListener('abort', onAbort);
  });
  try {
    const context = createNodeContext(scope, {
      nodeId: node.id,
      nodeType,
      label: node.label,
      config: node.config,
      inputs,
      attempt,
      signal: controller.signal,
      ...resumed,
      log,
      canWait: scope.request.parent === undefined,
    });
    const outputs = await Promise.race([nodeType.run(context), aborted]);
    return { kind: 'ok', outputs };
  } catch (error) {
    if (error instanceof WaitForDecision) return { kind: 'waiting', request: error.request };
    if (scope.signal.aborted) return { kind: 'cancelled' };
    if (timeout !== undefined && controller.signal.reason === timeout) return { kind: 'error', error: timeout.toInfo() };
    // A node that sends a secret may say where it sent it when that fails (a URL with a key in its query).
    return { kind: 'error', error: scope.secretGuard.redact({ ...toErrorInfo(error), nodeId: node.id }) };
  } finally {
    cancelTimer();
    stopWaiting();
    scope.signal.removeEventListener('abort', onRunAbort);
  }
}

/** Applies the node's onError policy to a final error and emits node.error. */
function failWith(scope: RunScope, graphNode: GraphNode, error: ErrorInfo, attempt: number): NodeOutcome {
  const { node } = graphNode;
  const handling = node.settings?.onError ?? 'fail';
  scope.emit({ type: 'node.error', nodeId: node.id, attempt, error, handling });
  if (handling === 'route') {
    const { stack: _stack, ...routed } = error;
    return { kind: 'failed', error, handled: 'route', outputs: { [ERROR_PORT]: routed } };
  }
  if (handling === 'continue') {
    const fallback = node.settings?.fallback ?? null;
    const outputs = Object.fromEntries(Object.keys(graphNode.outputs).map((port) => [port, fallback]));
    return { kind: 'failed', error, handled: 'continue', outputs };
  }
  return { kind: 'failed', error, handled: undefined, outputs: {} };
}

/** OPR-190 for the first output port holding a secret this run resolved: outputs reach the log, cache, pins and watchers. */
function secretInOutputs(scope: RunScope, nodeId: string, outputs: Record<string, unknown>): ErrorInfo | undefined {
  for (const [port, value] of Object.entries(outputs)) {
    const name = scope.secretGuard.find(value);
    if (name !== undefined) return secretLeak(nodeId, name, `output "${port}"`).toInfo();
  }
  return undefined;
}

function checkInputs(graphNode: GraphNode, inputs: Record<string, unknown>): ErrorInfo | undefined {
  return checkPorts(graphNode, 'input', graphNode.inputs, inputs);
}

function checkOutputs(graphNode: GraphNode, outputs: Record<string, unknown>): ErrorInfo | undefined {
  return checkPorts(graphNode, 'output', graphNode.outputs, outputs);
}

/** The first value that does not fit its port (OPR-101 for inputs, OPR-103 for outputs); an output must be a declared port. */
function checkPorts(
  graphNode: GraphNode,
  side: 'input' | 'output',
  ports: GraphNode['inputs'],
  values: Record<string, unknown>,
): ErrorInfo | undefined {
  for (const [portId, value] of Object.entries(values)) {
    const port = ports[portId];
    const reason =
      port === undefined
        ? side === 'output'
          ? 'the node has no such output port'
          : undefined
        : value === undefined
          ? undefined
          : checkPortValue(port.type, value);
    if (reason !== undefined) {
      const { id } = graphNode.node;
      return {
        code: side === 'input' ? 'OPR-101' : 'OPR-103',
        nodeId: id,
        retryable: false,
        message: `node "${id}" ${side} "${portId}": ${reason}`,
        details: { port: portId },
      };
    }
  }
  return undefined;
}
