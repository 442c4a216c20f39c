import { z } from 'zod';
import { defineNodeType } from '../define-node-type.ts';
import { isReservedName, reservedNameMessage } from '../../limits/reserved-names.ts';
import { port, type PortMap } from '../ports.ts';
import { checkExpression, type ConfigProblem } from './static-expressions.ts';
import { isTruthy, orNull } from './values.ts';

const ROUTE_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
/** The port that takes an input no route matched, when `fallback` is on. */
export const DEFAULT_ROUTE = 'default';

const RouteSchema = z.object({
  name: z.string().default('route').describe('The output port for this route: letters, digits, "_" and "-".'),
  expression: z
    .string()
    .default('true')
    .describe('A JSONata expression over the input ($); truthy means the route matches.')
    .meta({ ui: 'expression' }),
});

const RouterConfig = z.object({
  routes: z.array(RouteSchema).default([]).describe('The routes, tried in order; each has its own output port.'),
  mode: z
    .enum(['first', 'all'])
    .default('first')
    .describe('first: only the first matching route; all: every matching route.')
    .meta({ ui: 'select' }),
  fallback: z.boolean().default(true).describe('Send an input no route matched to the "default" port.'),
});
type RouterConfig = z.output<typeof RouterConfig>;

function routerOutputs(config: RouterConfig): PortMap {
  const ports: PortMap = {};
  // A reserved name is never a port: `ports['__proto__'] = …` would replace the map's prototype (checkRoutes refuses it).
  for (const route of config.routes ?? []) if (!isReservedName(route.name)) ports[route.name] = port('any');
  if (config.fallback) ports[DEFAULT_ROUTE] = port('any');
  return ports;
}

function checkRoutes(config: RouterConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const seen = new Set<string>();
  config.routes.forEach((route, index) => {
    const path = `routes.${index}`;
    if (!ROUTE_NAME.test(route.name)) {
      problems.push({ path: `${path}.name`, message: 'use letters, digits, "_" and "-", not starting with a digit or "-"' });
    } else if (isReservedName(route.name)) {
      problems.push({ code: 'OPR-021', path: `${path}.name`, message: reservedNameMessage('the route name', route.name) });
    } else if (route.name === DEFAULT_ROUTE) {
      problems.push({ path: `${path}.name`, message: `"${DEFAULT_ROUTE}" is reserved for the fallback port` });
    } else if (seen.has(route.name)) {
      problems.push({ path: `${path}.name`, message: `route name "${route.name}" is used twice` });
    }
    seen.add(route.name);
    problems.push(...checkExpression(`${path}.expression`, route.expression));
  });
  return problems;
}

/**
 * Sends its input to the port of the first matching route (mode `first`) or of every matching route
 * (mode `all`). With no match it goes to `default` when `fallback` is on, else nowhere.
 */
export const router = defineNodeType({
  type: 'core.router',
  version: 1,
  kind: 'step',
  title: 'Router',
  category: 'Flow',
  description: 'Routes the input to one or more named branches by JSONata expressions.',
  icon: 'signpost',
  summary: [{ field: 'routes', label: 'Routes', format: 'names' }],
  config: RouterConfig,
  inputs: { in: port('any') },
  outputs: routerOutputs,
  check: checkRoutes,
  run: async (ctx) => {
    const value = orNull(ctx.inputs.in);
    const outputs: Record<string, unknown> = {};
    for (const [index, route] of ctx.config.routes.entries()) {
      const result = await ctx.evaluate(route.expression, ctx.inputs.in, `config.routes.${index}.expression`);
      if (!isTruthy(result)) continue;
      outputs[route.name] = value;
      if (ctx.config.mode === 'first') break;
    }
    if (Object.keys(outputs).length === 0 && ctx.config.fallback) outputs[DEFAULT_ROUTE] = value;
    return outputs;
  },
});
