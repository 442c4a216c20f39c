// A sandbox worker, a child process: evaluates JSONata expressions and checks run inputs for the pool in
// worker-pool.ts, one job at a time. The pool kills it when a job passes its time limit or is cancelled; its heap is
// capped by --max-old-space-size, and running out of it ends this process only.
import jsonata from 'jsonata';
import { normalise } from '../../../src-shared/expressions/jsonata.ts';
import { validateRunInputs } from '../../../src-shared/workflow/run-inputs.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

const MAX_CACHED = 1_000;
const compiled = new Map<string, jsonata.Expression>();
const calls = new Map<number, { resolve: (value: unknown) => void; reject: (error: unknown) => void }>();
let nextCall = 0;

const send = (message: FromWorker): void => void process.send!(message);

function compile(expression: string): jsonata.Expression {
  let expr = compiled.get(expression);
  if (expr === undefined) {
    expr = jsonata(expression);
    if (compiled.size >= MAX_CACHED) compiled.clear();
    compiled.set(expression, expr);
  }
  return expr;
}

/** A host function, called on the host's side: the worker never holds secrets it was not asked for. */
const hostFunction =
  (name: string) =>
  (...args: unknown[]): Promise<unknown> => {
    const callId = nextCall++;
    const { promise, resolve, reject } = Promise.withResolvers<unknown>();
    calls.set(callId, { resolve, reject });
    send({ kind: 'call', callId, name, args });
    return promise;
  };

async function evaluate(message: Extract<ToWorker, { kind: 'evaluate' }>): Promise<void> {
  const bindings: Record<string, unknown> = { ...message.values };
  for (const name of message.functions) bindings[name] = hostFunction(name);
  let value: unknown;
  try {
    value = normalise(await compile(message.expression).evaluate(message.data, bindings));
  } catch (error) {
    send({ kind: 'failed', error: plainError(error) });
    return;
  }
  try {
    send({ kind: 'done', value });
  } catch {
    send({ kind: 'failed', error: { message: 'the result is not a JSON value' } });
  }
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

process.on('message', (message: ToWorker) => {
  if (message.kind === 'reply') {
    const call = calls.get(message.callId);
    calls.delete(message.callId);
    if (message.ok) call?.resolve(message.value);
    else call?.reject({ message: 'host function failed' });
  } else if (message.kind === 'evaluate') {
    void evaluate(message);
  } else {
    send({ kind: 'checked', result: validateRunInputs({ inputs: message.schema }, message.inputs) });
  }
});
