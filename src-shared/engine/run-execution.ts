import { OperonError, toErrorInfo, type ErrorInfo } from '../errors/operon-error.ts';
import { policyProblems } from '../policy/policy-problems.ts';
import { buildGraph, type GraphNode } from '../workflow/graph.ts';
import { checkRunInputs } from '../workflow/run-inputs.ts';
import type { RunHandle, RunRequest, RunResult } from './api.ts';
import type { EngineDeps } from './engine-deps.ts';
import type { EventBody } from './events.ts';
import { addLlmCall } from './llm-totals.ts';
import { executeNode, type NodeOutcome } from './execute-node.ts';
import { applyInterruptPolicies, interruptPolicyOf } from './interrupted-nodes.ts';
import { addNodeLlmCall, emptyNodeLlmUse, replayEvents } from './run-state.ts';
import { collectOutput, computeTotals } from './run-totals.ts';
import { readiness } from './readiness.ts';
import { runChild } from './modes/child-run.ts';
import { createSecretGuard } from './secret-guard.ts';
import type { RunScope } from './run-scope.ts';
import { createSchedulerState, type QueuedNode } from './scheduler-state.ts';

const YIELD_EVERY_MS = 10;

/**
 * Starts one run: a node starts when all its inputs are settled, independent branches run at the same
 * time up to settings.concurrency, a branch not taken is skipped and the skip propagates (join modes decide
 * what a partly skipped join does). See engine/README.md for a run's life.
 */
export function startRun(deps: EngineDeps, request: RunRequest): RunHandle {
  const { services } = deps;
  const runId = request.runId ?? services.newRunId();
  const controller = new AbortController();
  const cancel = (reason?: string): void => controller.abort(new OperonError('OPR-104', reason ?? 'run cancelled'));
  const onOuterAbort = (): void => cancel(typeof request.signal?.reason === 'string' ? request.signal.reason : undefined);
  if (request.signal?.aborted === true) onOuterAbort();
  else request.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const result = execute(deps, request, runId, controller).finally(() => request.signal?.removeEventListener('abort', onOuterAbort));
  return { runId, result, cancel };
}

async function execute(deps: EngineDeps, request: RunRequest, runId: string, controller: AbortController): Promise<RunResult> {
  const { services, registry } = deps;
  const { workflow } = request;
  const settings = workflow.settings;
  const graph = buildGraph(workflow, registry);
  const replayed = request.resume === undefined ? undefined : replayEvents([...graph.nodes.keys()], request.resume.events);
  const startedAt = replayed?.startedAt ?? services.clock.now();
  const scheduler = createSchedulerState([...graph.nodes.keys()], replayed, startedAt);
  const emit = (body: EventBody): void => request.onEvent({ ...body, seq: scheduler.seq++, ts: services.clock.now(), runId });

  const firing = request.trigger.nodeId;
  if (firing !== undefined && graph.nodes.get(firing)?.nodeType.kind !== 'trigger')
    throw new OperonError('OPR-230', `workflow "${workflow.id}" has no trigger node "${firing}" to start a run from`, {
      details: { workflowId: workflow.id, nodeId: firing },
    });
  const inputCheck =
    replayed === undefined
      ? await checkRunInputs(services.sandbox, (ms, fn) => services.clock.setTimer(ms, fn), workflow, request.inputs)
      : { ok: true as const, inputs: replayed.inputs };
  // Inputs nested past the depth limit are not logged either: writing them down would overflow the stack.
  const runInputs = inputCheck.ok ? inputCheck.inputs : inputCheck.problems.some((p) => p.code === 'OPR-006') ? {} : request.inputs;
  if (replayed === undefined) {
    const workflowHash = await services.sha256(JSON.stringify(workflow));
    emit({
      type: 'run.started',
      workflowId: workflow.id,
      workflowHash,
      trigger: request.trigger,
      inputs: runInputs,
      ...(request.parent === undefined ? {} : { parent: request.parent }),
      ...(request.debug === undefined ? {} : { debug: true }),
      ...(request.partial === undefined ? {} : { partial: request.partial }),
    });
  } else {
    for (const { nodeId } of request.resume?.decisions ?? []) {
      if (scheduler.nodes.get(nodeId)?.status !== 'waiting')
        throw new OperonError('OPR-152', `node "${nodeId}" is not waiting for a decision`);
    }
    emit({ type: 'run.resumed' });
  }

  if (!inputCheck.ok) {
    scheduler.failure = {
      code: inputCheck.problems[0]?.code ?? 'OPR-030',
      message: inputCheck.problems.map((p) => `${p.path ?? ''}: ${p.message}`).join('; '),
    };
  }
  // The workspace policy, checked again here: the file may have been edited behind the editor's back.
  const refused = services.policy === undefined ? [] : policyProblems(workflow, services.policy, registry);
  if (refused.length > 0 && scheduler.failure === undefined) {
    scheduler.failure = { code: refused[0]!.code, message: refused.map((problem) => problem.message).join('; ') };
  }
  const failRun = (error: ErrorInfo): void => {
    scheduler.failure ??= error;
    if (!controller.signal.aborted) controller.abort(new OperonError(error.code, error.message));
  };
  for (const [id, state] of scheduler.nodes) collectOutput(graph.nodes.get(id), state, scheduler.outputs);

  const scope: RunScope = {
    runId,
    workflow,
    request,
    services,
    registry,
    expressions: deps.expressions,
    signal: controller.signal,
    runInputs,
    secretGuard: createSecretGuard(services.secrets),
    emit,
    recordLlm: (call) => {
      emit({ type: 'node.llm', ...call });
      addLlmCall(scheduler.llmTotals, call);
      addNodeLlmCall(scope.nodeLlmUse(call.nodeId), call);
    },
    nodeLlmUse: (nodeId) => {
      let use = scheduler.nodeLlm.get(nodeId);
      if (use === undefined) scheduler.nodeLlm.set(nodeId, (use = emptyNodeLlmUse()));
      return use;
    },
    llmTotals: scheduler.llmTotals,
    llmInflight: deps.llmInflight,
    countExecution: () => {
      if (++scheduler.executions > settings.maxNodeExecutions) {
        const error = new OperonError('OPR-106', `the run passed its limit of ${settings.maxNodeExecutions} node executions`);
        failRun(error.toInfo());
        throw error;
      }
    },
    persistStarted: async () => {
      if (request.persist === undefined) return true;
      await persist();
      return !controller.signal.aborted;
    },
    cacheEnabled: (nodeSetting) => nodeSetting ?? (request.cache === true || settings.cache),
    runChild: (ref, inputs, signal, nodeId) => runChild(startRun, deps, request, runId, ref, inputs, signal, nodeId),
  };

  const done = Promise.withResolvers<void>();
  // A debug run waits for people at its pauses: the wall-time limit would end it while someone reads a trace.
  const cancelRunTimer =
    settings.maxRunMs === undefined || request.debug !== undefined
      ? () => undefined
      : services.clock.setTimer(settings.maxRunMs, () =>
          failRun({ code: 'OPR-105', message: `the run passed its time limit of ${settings.maxRunMs} ms` }),
        );

  for (const { nodeId, decision } of request.resume?.decisions ?? []) {
    const state = scheduler.nodes.get(nodeId)!;
    emit({ type: 'node.decision', nodeId, decision });
    state.decision = decision;
  }
  applyInterruptPolicies(graph, registry, scheduler.nodes, emit);
  for (const state of scheduler.nodes.values()) {
    if (state.status === 'waiting' && state.decision !== undefined) state.status = 'pending';
  }

  if (replayed === undefined && scheduler.failure === undefined) {
    for (const [id, reused] of request.reuse ?? []) {
      const state = scheduler.nodes.get(id);
      if (state === undefined) continue;
      state.status = 'reused';
      state.outputs = reused.outputs;
      state.errorHandled = reused.errorHandled;
      emit({
        type: 'node.reused',
        nodeId: id,
        outputs: reused.outputs,
        from: reused.from,
        ...(reused.errorHandled === undefined ? {} : { errorHandled: reused.errorHandled }),
      });
      collectOutput(graph.nodes.get(id), state, scheduler.outputs);
    }
  }
  const only = request.only;

  /** Decides, for each node in the worklist, whether it runs, is skipped, or still waits for inputs. */
  const evaluate = (worklist: string[]): void => {
    // The worklist grows while it is walked (skips propagate): for-of sees the new entries.
    for (const id of worklist) {
      const graphNode = graph.nodes.get(id)!;
      const state = scheduler.nodes.get(id)!;
      if (state.status !== 'pending' || controller.signal.aborted) continue;
      const verdict =
        only !== undefined && !only.nodes.has(id)
          ? { kind: 'skip' as const, reason: only.outsideReason }
          : firing !== undefined && id !== firing && graphNode.nodeType.kind === 'trigger'
            ? { kind: 'skip' as const, reason: `another trigger ("${firing}") started this run` }
            : readiness(graphNode, scheduler.nodes);
      if (verdict.kind === 'wait') continue;
      if (verdict.kind === 'skip') {
        state.status = 'skipped';
        emit({ type: 'node.skipped', nodeId: id, reason: verdict.reason });
        for (const edge of graphNode.outgoing) worklist.push(edge.target);
        continue;
      }
      state.status = 'queued';
      emit({ type: 'node.queued', nodeId: id });
      scheduler.queue.push({ id, inputs: verdict.inputs });
    }
    pump();
  };

  // Nodes that never wait on I/O settle in microtasks, so a long run of them would hold the event loop
  // until the end: no log flushes, no Ctrl-C, no run time limit. Every YIELD_EVERY_MS, give it back; the first
  // slice starts now.
  scheduler.lastYield = services.clock.now();
  const pump = (): void => {
    while (
      !scheduler.paused &&
      scheduler.running < settings.concurrency &&
      scheduler.queueHead < scheduler.queue.length &&
      !controller.signal.aborted
    ) {
      if (services.clock.now() - scheduler.lastYield >= YIELD_EVERY_MS) {
        if (!scheduler.yielding) {
          scheduler.yielding = true;
          services.clock.setTimer(0, () => {
            scheduler.yielding = false;
            scheduler.lastYield = services.clock.now();
            pump();
          });
        }
        return;
      }
      const next = scheduler.queue[scheduler.queueHead]!;
      const pauseReason = next.released === true ? undefined : request.debug?.pauseBefore(next.id);
      if (pauseReason !== undefined) {
        scheduler.paused = true;
        void pauseAt(next, pauseReason);
        return;
      }
      scheduler.queueHead++;
      const state = scheduler.nodes.get(next.id)!;
      state.status = 'running';
      state.inputs = next.inputs;
      scheduler.running++;
      const firstAttempt = state.nextAttempt;
      state.nextAttempt = 1;
      void executeNode(scope, graph.nodes.get(next.id)!, next.inputs, {
        decision: state.decision,
        waitedOn: state.decision === undefined ? undefined : state.request,
        firstAttempt,
      }).then(
        (outcome) => settle(next.id, outcome),
        (error: unknown) => settle(next.id, { kind: 'failed', error: toErrorInfo(error), handled: undefined, outputs: {} }),
      );
    }
    const idle = scheduler.running === 0 && !scheduler.paused;
    if (idle && (scheduler.queueHead >= scheduler.queue.length || controller.signal.aborted)) done.resolve();
  };

  /** Holds a debug run before `entry` starts until a person releases it (or the run is cancelled), then goes on. */
  const pauseAt = async (entry: QueuedNode, reason: 'breakpoint' | 'step'): Promise<void> => {
    const state = scheduler.nodes.get(entry.id)!;
    state.status = 'paused';
    state.inputs = entry.inputs;
    emit({ type: 'node.paused', nodeId: entry.id, reason, inputs: entry.inputs });
    try {
      const release = await request.debug!.wait({ nodeId: entry.id, reason, inputs: entry.inputs }, controller.signal);
      if (release.override !== undefined) {
        entry.inputs = release.override.inputs;
        emit({ type: 'node.override', nodeId: entry.id, inputs: entry.inputs, by: release.override.by });
      }
    } catch {
      // Cancelled while paused: the node never started.
    }
    state.status = controller.signal.aborted ? 'pending' : 'queued';
    entry.released = true;
    scheduler.paused = false;
    pump();
  };

  const actsOutside = (graphNode: GraphNode): boolean => interruptPolicyOf(registry, graphNode.nodeType, graphNode.node.config) !== 'rerun';

  /** Waits until the run's events so far are stored (see RunRequest.persist); a failure fails the run. */
  const persist = async (): Promise<void> => {
    try {
      await request.persist?.(runId);
    } catch (error) {
      failRun(toErrorInfo(error, 'OPR-110'));
    }
  };

  const settle = (id: string, outcome: NodeOutcome): void => {
    const state = scheduler.nodes.get(id)!;
    const graphNode = graph.nodes.get(id)!;
    if (outcome.kind === 'waiting') {
      state.status = 'waiting';
      state.request = outcome.request;
      state.decision = undefined;
    } else if (outcome.kind === 'cancelled') {
      state.status = 'failed';
      state.error = toErrorInfo(controller.signal.reason, 'OPR-104'); // as its node.error said: counted as cancelled
    } else {
      state.status = outcome.kind;
      state.outputs = outcome.outputs;
      if (outcome.kind === 'failed') {
        state.error = outcome.error;
        state.errorHandled = outcome.handled;
        if (outcome.handled === undefined) failRun(outcome.error);
      }
      collectOutput(graphNode, state, scheduler.outputs);
    }
    const next = (): void => {
      scheduler.running--; // only now: the run is not idle (done) while the node's record is being stored
      evaluate(graphNode.outgoing.map((edge) => edge.target));
    };
    // A node that acted outside the run, or waits for a person, has its record stored before anything downstream
    // starts, so a resume never does it again. A pure node's record goes with the next write: a node that acts outside
    // stores every record before it acts (persistStarted), and the run's end stores the rest; a resume runs a pure node
    // whose record was lost again, which is all its policy (rerun) asks.
    if (request.persist !== undefined && (outcome.kind === 'waiting' || actsOutside(graphNode))) void persist().then(next);
    else next();
  };

  if (scheduler.failure === undefined && request.persist !== undefined) await persist(); // run.json before any node starts
  if (scheduler.failure === undefined) evaluate([...graph.order]);
  else done.resolve();
  await done.promise;
  cancelRunTimer();

  const pending = [...scheduler.nodes]
    .filter(([, s]) => s.status === 'waiting' && s.request !== undefined)
    .map(([nodeId, s]) => ({ nodeId, request: s.request! }));
  const totals = computeTotals(scheduler.nodes, scheduler.executions, services.clock.now() - startedAt, scheduler.llmTotals);
  const cancelled = controller.signal.aborted && scheduler.failure === undefined;
  if (cancelled) scheduler.failure = toErrorInfo(controller.signal.reason, 'OPR-104');
  const { failure, outputs } = scheduler;
  if (failure === undefined && pending.length > 0) {
    emit({ type: 'run.waiting', pending });
    return { runId, status: 'waiting', outputs, totals, pending };
  }
  const status = cancelled ? 'cancelled' : failure === undefined ? 'succeeded' : 'failed';
  emit({ type: 'run.finished', status, outputs, totals, ...(failure === undefined ? {} : { error: failure }) });
  return { runId, status, outputs, totals, pending: [], ...(failure === undefined ? {} : { error: failure }) };
}
