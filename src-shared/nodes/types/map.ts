import { z } from 'zod';
import { defineNodeType, type ConfigCheckHelpers } from '../define-node-type.ts';
import { OperonError, toErrorInfo } from '../../errors/operon-error.ts';
import { port } from '../ports.ts';
import { boundedMap, type Settled } from './bounded-map.ts';
import { checkExpression, type ConfigProblem } from './static-expressions.ts';
import { describeKind, isPlainObject } from './values.ts';

const MapConfig = z.object({
  mode: z
    .enum(['node', 'workflow'])
    .default('node')
    .describe('node: run one node per item; workflow: run a sub-workflow per item.')
    .meta({ ui: 'select' }),
  node: z
    .object({
      type: z.string().default('core.transform').describe('The node type run for each item.'),
      config: z.record(z.string(), z.unknown()).default({}).describe("That node's config.").meta({ ui: 'json' }),
    })
    .default({ type: 'core.transform', config: {} })
    .describe('With mode node: the node run for each item, with the item on its "in" port.')
    .meta({ ui: 'node' }),
  workflow: z.string().default('').describe('With mode workflow: the workflow to run per item, relative to this one.'),
  inputs: z
    .string()
    .default('')
    .describe(
      "With mode workflow: optional JSONata expression over the item ($, its position as $index) giving the child's inputs object. Empty: the item itself, which must then be an object (as a Sub-workflow node passes its input).",
    )
    .meta({ ui: 'expression' }),
  concurrency: z.int().min(1).max(64).default(4).describe('How many items run at the same time.'),
  onItemError: z
    .enum(['fail', 'collect'])
    .default('fail')
    .describe('fail: the first failed item fails the node; collect: failures go to the "errors" port.')
    .meta({ ui: 'select' }),
});
type MapConfig = z.output<typeof MapConfig>;

/** Declared outside the call so `required: true` keeps its literal type (and `items` is never undefined). */
const MAP_INPUTS = { items: port('array', { required: true }) };

function checkMap(config: MapConfig, helpers: ConfigCheckHelpers): ConfigProblem[] {
  if (config.mode === 'workflow') {
    const problems: ConfigProblem[] = [];
    if (config.workflow.trim() === '') problems.push({ path: 'workflow', message: 'name the workflow to run for each item' });
    if (config.inputs.trim() !== '') problems.push(...checkExpression('inputs', config.inputs));
    return problems;
  }
  if (!helpers.hasNodeType(config.node.type)) return [{ path: 'node.type', message: `unknown node type "${config.node.type}"` }];
  return helpers
    .checkInnerNode(config.node.type, config.node.config)
    .map((problem) => ({ ...problem, path: problem.path === '' ? 'node.config' : `node.config.${problem.path}` }));
}

/**
 * Runs a node or a sub-workflow once per item of `items`, at most `concurrency` at a time.
 * In workflow mode the child's inputs are the item itself, as a Sub-workflow node passes its input (an item that is
 * not an object fails, OPR-107), or the `inputs` expression over the item, with its position as `$index`. Version 1
 * passed `{ item, index }`; its migration writes that as the `inputs` expression, so saved workflows keep working.
 * `out` holds the results in item order: in node mode the value on the inner node's first output
 * port, i.e. the first port in the outputs its run returns (built-in types return their ports in
 * declared order, so this is the first declared port it emitted; `null` if it emitted none); in
 * workflow mode the child run's outputs object.
 * With onItemError `collect`, failed items are left out of `out` and listed on `errors` as
 * `{ index, error }` (emitted only when an item failed); with `fail` the first failure throws OPR-113.
 */
export const map = defineNodeType({
  type: 'core.map',
  version: 2,
  migrations: {
    // Version 1 ran a workflow per item with { item, index } as its inputs: the same, written as the inputs expression.
    // An inputs expression already there was typed into this version's field: it is kept.
    1: (config) =>
      config.mode === 'workflow' && (config.inputs === undefined || config.inputs === '')
        ? { ...config, inputs: '{ "item": $, "index": $index }' }
        : config,
  },
  kind: 'step',
  cacheable: false, // the node or workflow it runs per item may have side effects
  // Its items are sent again as they were (same attempt, so the same keys): the policy of the node it runs per item.
  onInterrupted: (config, helpers) => (config.mode === 'workflow' ? 'ask' : helpers.policyOf(config.node.type, config.node.config)),
  title: 'Map',
  category: 'Flow',
  description:
    'Runs a node or a sub-workflow for each item of a list. A sub-workflow gets the item itself as its inputs (or what the inputs expression makes of it), as from a Sub-workflow node.',
  icon: 'repeat',
  summary: [{ field: 'workflow' }, { field: 'inputs', label: 'Inputs' }, { field: 'concurrency', label: 'At once' }],
  config: MapConfig,
  inputs: MAP_INPUTS,
  outputs: { out: port('array'), errors: port('array') },
  check: checkMap,
  run: async (ctx) => {
    const { mode, node, workflow, inputs, concurrency, onItemError } = ctx.config;
    const childInputs = async (item: unknown, index: number): Promise<Record<string, unknown>> => {
      const value = inputs.trim() === '' ? item : await ctx.evaluate(inputs, item, 'config.inputs', { index });
      if (isPlainObject(value)) return value;
      const kind = describeKind(value);
      const some = `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`;
      const what = inputs.trim() === '' ? `item ${index} is ${some}` : `config.inputs gave ${some}`;
      throw new OperonError('OPR-107', `${what}, not the object of inputs a workflow takes: set inputs to shape it, e.g. { "value": $ }`, {
        details: { field: 'config.inputs', index },
      });
    };
    const runItem = async (item: unknown, index: number, signal: AbortSignal): Promise<unknown> => {
      if (mode === 'workflow') return ctx.runWorkflow(workflow, await childInputs(item, index), signal);
      const outputs = await ctx.runNode(node.type, node.config, { in: item }, signal);
      return Object.values(outputs)[0] ?? null;
    };
    const { results: settled, firstFailure } = await boundedMap(ctx.inputs.items, concurrency, ctx.signal, onItemError === 'fail', runItem);
    if (ctx.signal.aborted) throw ctx.signal.reason;
    const failed = firstFailure === undefined ? undefined : settled[firstFailure];
    if (onItemError === 'fail' && failed?.ok === false) throw itemFailed(firstFailure ?? 0, failed.error);
    const failures = settled.flatMap((result, index) => (result.ok ? [] : [{ index, error: result.error }]));
    const out = settled.filter((result): result is Settled<unknown> & { ok: true } => result.ok).map((result) => result.value);
    if (failures.length === 0) return { out };
    ctx.log('warn', `${failures.length} of ${settled.length} items failed`, { indexes: failures.map((f) => f.index) });
    return { out, errors: failures.map(({ index, error }) => ({ index, error: describeError(error) })) };
  },
});

function itemFailed(index: number, error: unknown): OperonError {
  const info = toErrorInfo(error);
  return new OperonError('OPR-113', `item ${index} failed: ${info.message}`, {
    retryable: info.retryable ?? false,
    details: { index, cause: describeError(error) },
    cause: error,
  });
}

/** A failed item's error as data: its code, message and details, without the stack. */
function describeError(error: unknown): Record<string, unknown> {
  const info = toErrorInfo(error);
  delete info.stack;
  return { ...info };
}
