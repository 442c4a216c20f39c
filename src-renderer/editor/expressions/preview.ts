import { OperonError } from '../../../src-shared/errors/operon-error.ts';
import { createExpressions } from '../../../src-shared/expressions/jsonata.ts';
import type { Sandbox } from '../../../src-shared/services/sandbox.ts';

/** What a preview evaluates against: the node's input `$`, its inputs by port and the run inputs. */
export interface PreviewScope {
  data: unknown;
  inputs: Record<string, unknown>;
  run: unknown;
}

export type PreviewResult = { ok: true; value: unknown } | { ok: false; message: string };

/** Previews never read secrets: `$secret("name")` shows as this placeholder. */
export const secretPlaceholder = (name: unknown): string => `‹secret ${String(name)}›`;

/**
 * An evaluator for previews, as a run evaluates (the same JSONata, templates and bounds): bounded expressions run in
 * process for a limited number of steps, everything else (regexes, functions, ranges, or past that budget) in
 * `sandbox`, which the caller stops when it takes too long. Never `eval`.
 */
export function createPreviewer(
  sandbox: Sandbox,
): (kind: 'expression' | 'template', text: string, scope: PreviewScope, signal?: AbortSignal) => Promise<PreviewResult> {
  const expressions = createExpressions({ sandbox, hostNames: ['inputs', 'run', 'secret'] });
  return async (kind, text, scope, signal) => {
    const bindings = { inputs: scope.inputs, run: scope.run, secret: secretPlaceholder };
    try {
      const value =
        kind === 'template'
          ? await expressions.template(text, scope.data, bindings, 'preview', signal)
          : await expressions.evaluate(text, scope.data, bindings, 'preview', signal);
      return { ok: true, value };
    } catch (error) {
      return { ok: false, message: previewError(error) };
    }
  };
}

function previewError(error: unknown): string {
  const message = error instanceof OperonError || error instanceof Error ? error.message : String(error);
  return message.replace(/^(?:expression|template) in preview(?: failed)?: /, '');
}

/** A preview value as one readable text: strings as they are, the rest as indented JSON, "nothing" for no result. */
export function previewText(value: unknown): string {
  if (value === undefined) return 'nothing (undefined)';
  if (typeof value === 'string') return value;
  return JSON.stringify(value, null, 2);
}
