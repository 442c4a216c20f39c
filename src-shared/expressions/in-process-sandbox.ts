import jsonata from 'jsonata';
import type { Sandbox } from '../services/sandbox.ts';
import { schemaErrors } from '../services/schema-check.ts';
import { validateRunInputs } from '../workflow/run-inputs.ts';
import { normalise } from './jsonata.ts';

/**
 * A `Sandbox` that runs everything on the caller's event loop: for engine tests that do not test stopping runaway
 * work (the virtual clock cannot fire while an expression holds the loop). Hosts pass the worker pool
 * (`src-main/services/sandbox/`).
 */
export function createInProcessSandbox(): Sandbox {
  return {
    async evaluate({ expression, data, bindings }, signal) {
      if (signal.aborted) throw signal.reason;
      return normalise(await jsonata(expression).evaluate(data, bindings));
    },
    checkInputs(schema, inputs, signal, options) {
      if (signal.aborted) return Promise.reject(signal.reason as Error);
      options?.onStarted?.();
      return Promise.resolve(validateRunInputs({ inputs: schema }, inputs));
    },
    async checkSchema(schema, value, signal, options) {
      if (signal.aborted) throw signal.reason;
      options?.onStarted?.();
      return Promise.resolve(schemaErrors(schema, value));
    },
  };
}
