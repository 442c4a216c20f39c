import jsonata from 'jsonata';
import { normalise } from '../../../src-shared/expressions/jsonata.ts';
import { schemaErrors } from '../../../src-shared/services/schema-check.ts';
import { validateRunInputs } from '../../../src-shared/workflow/run-inputs.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

/** How a sandbox worker talks to its pool: a child process's IPC channel or a worker thread's parent port. */
export interface WorkerChannel {
  send(message: FromWorker): void;
  onMessage(listener: (message: unknown) => void): void;
}

const MAX_CACHED = 1_000;

/**
 * A sandbox worker's work, one job at a time, over `channel`: evaluates JSONata expressions (calling host functions
 * such as `$secret` back on the pool's side, so the worker holds no secret it was not asked for), checks run inputs,
 * and checks values against JSON Schemas. A message of an unknown kind fails the job, never the worker. Says `ready`
 * once it listens (its modules are loaded by then): the pool's fixed limits on a check count from there.
 */
export function serveSandbox(channel: WorkerChannel): void {
  const compiled = new Map<string, jsonata.Expression>();
  const calls = new Map<number, { resolve: (value: unknown) => void; reject: (error: unknown) => void }>();
  let nextCall = 0;

  const compile = (expression: string): jsonata.Expression => {
    let expr = compiled.get(expression);
    if (expr === undefined) {
      expr = jsonata(expression);
      if (compiled.size >= MAX_CACHED) compiled.clear();
      compiled.set(expression, expr);
    }
    return expr;
  };
  const hostFunction =
    (name: string) =>
    (...args: unknown[]): Promise<unknown> => {
      const callId = nextCall++;
      const { promise, resolve, reject } = Promise.withResolvers<unknown>();
      calls.set(callId, { resolve, reject });
      channel.send({ kind: 'call', callId, name, args });
      return promise;
    };
  const evaluate = async (message: Extract<ToWorker, { kind: 'evaluate' }>): Promise<void> => {
    const bindings: Record<string, unknown> = { ...message.values };
    for (const name of message.functions) bindings[name] = hostFunction(name);
    let value: unknown;
    try {
      value = normalise(await compile(message.expression).evaluate(message.data, bindings));
    } catch (error) {
      channel.send({ kind: 'failed', error: plainError(error) });
      return;
    }
    try {
      channel.send({ kind: 'done', value });
    } catch {
      channel.send({ kind: 'failed', error: { message: 'the result is not a JSON value' } });
    }
  };

  channel.onMessage((raw) => {
    // Sent by the pool, which builds each message to protocol.ts's types; zod is not loaded here (it would add most of
    // a second to each worker's start, which counts against a node's timeout). The untrusted direction, what a worker
    // running user text sends back, is validated with zod by the pool.
    if (!isToWorker(raw)) {
      channel.send({ kind: 'failed', error: { message: 'the sandbox worker got a message that is not of its protocol' } });
      return;
    }
    const message = raw;
    if (message.kind === 'reply') {
      const call = calls.get(message.callId);
      calls.delete(message.callId);
      if (message.ok) call?.resolve(message.value);
      else call?.reject({ message: 'host function failed' });
    } else if (message.kind === 'evaluate') {
      void evaluate(message);
    } else if (message.kind === 'inputs') {
      channel.send({ kind: 'checked', result: validateRunInputs({ inputs: message.schema }, message.inputs) });
    } else {
      let errors;
      try {
        errors = schemaErrors(message.schema, message.value);
      } catch (error) {
        channel.send({ kind: 'failed', error: plainError(error) });
        return;
      }
      channel.send({ kind: 'schema-checked', errors });
    }
  });
  channel.send({ kind: 'ready' });
}

const KINDS: readonly string[] = ['evaluate', 'inputs', 'schema', 'reply'] satisfies ToWorker['kind'][];

function isToWorker(value: unknown): value is ToWorker {
  return value !== null && typeof value === 'object' && KINDS.includes(String((value as { kind?: unknown }).kind));
}

function plainError(error: unknown): unknown {
  if (error instanceof Error) return { message: error.message };
  if (error !== null && typeof error === 'object') {
    const { stack: _stack, ...rest } = error as Record<string, unknown>;
    try {
      return structuredClone(rest);
    } catch {
      const { message } = rest as { message?: unknown };
      return { message: typeof message === 'string' ? message : 'expression failed' };
    }
  }
  return { message: String(error) };
}
