import { expressionAst } from './expression-ast.ts';
import { splitTemplate } from './template.ts';

/** What an expression (or every placeholder of a template) reads and calls, found statically in its syntax tree. */
export interface ExpressionReferences {
  /** Functions it calls that it does not define itself (`$f := function…`, a parameter, `@$x`). */
  calls: string[];
  /** Fields read from the top of the input `$`: `route`, `$.route`, `{ "a": route }`. Not those inside filters or later steps. */
  inputFields: string[];
  /** Run inputs read as `$run.name`. */
  runFields: string[];
  /** Input ports read as `$inputs.port`. */
  inputPorts: string[];
}

type AstNode = Record<string, unknown>;

const isNode = (value: unknown): value is AstNode => value !== null && typeof value === 'object' && !Array.isArray(value);
const nameOf = (value: unknown): string | undefined => (isNode(value) && typeof value.value === 'string' ? value.value : undefined);

/** The references of one JSONata expression, or undefined when it does not compile (another check reports that). */
export function expressionReferences(expression: string): ExpressionReferences | undefined {
  let ast: unknown;
  try {
    ast = expressionAst(expression);
  } catch {
    return undefined;
  }
  return collect([ast]);
}

/** The references of every `{{ }}` placeholder of a template, or undefined when it does not parse or compile. */
export function templateReferences(text: string): ExpressionReferences | undefined {
  let asts: unknown[];
  try {
    asts = splitTemplate(text).flatMap((part) => (part.kind === 'expression' ? [expressionAst(part.expression)] : []));
  } catch {
    return undefined;
  }
  return collect(asts);
}

function collect(asts: unknown[]): ExpressionReferences {
  const calls = new Set<string>();
  const defined = new Set<string>();
  const inputFields = new Set<string>();
  const runFields = new Set<string>();
  const inputPorts = new Set<string>();

  const walkAll = (values: unknown, atRoot: boolean): void => {
    if (Array.isArray(values)) for (const value of values) walk(value, atRoot);
    else walk(values, atRoot);
  };

  /** `atRoot`: the node is evaluated with the input `$` as its context, so a bare name there reads a field of `$`. */
  const walk = (value: unknown, atRoot: boolean): void => {
    if (Array.isArray(value)) return walkAll(value, atRoot);
    if (!isNode(value)) return;
    for (const key of ['focus', 'index'] as const) if (typeof value[key] === 'string') defined.add(value[key]);
    // Filters, sorts and groups on any node read relative to the items they filter, never the input.
    walkAll(value.stages, false);
    walkAll(value.predicate, false);
    if (isNode(value.group)) walkAll(value.group.lhs, false);
    switch (value.type) {
      case 'path':
        return walkPath(Array.isArray(value.steps) ? value.steps : [], atRoot);
      case 'name':
        if (atRoot && typeof value.value === 'string') inputFields.add(value.value);
        return;
      case 'function':
      case 'partial': {
        const name = isNode(value.procedure) && value.procedure.type === 'variable' ? nameOf(value.procedure) : undefined;
        if (name !== undefined) calls.add(name);
        else walk(value.procedure, atRoot);
        return walkAll(value.arguments, atRoot);
      }
      case 'lambda':
        for (const argument of Array.isArray(value.arguments) ? value.arguments : []) {
          const name = nameOf(argument);
          if (name !== undefined) defined.add(name);
        }
        return walk(value.body, false);
      case 'bind': {
        const name = nameOf(value.lhs);
        if (name !== undefined) defined.add(name);
        return walk(value.rhs, atRoot);
      }
      case 'unary':
        if (value.value === '{') return walkAll(value.lhs, atRoot);
        if (value.value === '[') return walkAll(value.expressions, atRoot);
        return walk(value.expression, atRoot);
      case 'binary':
      case 'apply':
        walk(value.lhs, atRoot);
        return walk(value.rhs, atRoot);
      case 'condition':
        walk(value.condition, atRoot);
        walk(value.then, atRoot);
        return walk(value.else, atRoot);
      case 'block':
        return walkAll(value.expressions, atRoot);
      case 'transform':
        walk(value.pattern, false);
        walk(value.update, false);
        return walk(value.delete, false);
      case 'sort':
        return walkAll(value.terms, false);
      default:
        // Anything this does not know reads nothing from the input, as far as these checks go: no false alarms.
        for (const [key, item] of Object.entries(value)) if (key !== 'stages' && key !== 'predicate' && key !== 'group') walk(item, false);
    }
  };

  const walkPath = (steps: unknown[], atRoot: boolean): void => {
    const [first, second] = steps;
    const head = isNode(first) && first.type === 'variable' ? nameOf(first) : undefined;
    const next = isNode(second) && second.type === 'name' ? nameOf(second) : undefined;
    if (head === 'run' && next !== undefined) runFields.add(next);
    else if (head === 'inputs' && next !== undefined) inputPorts.add(next);
    else if (head === '' && atRoot && next !== undefined) inputFields.add(next);
    steps.forEach((step, index) => walk(step, index === 0 && atRoot));
  };

  walkAll(asts, true);
  return {
    calls: [...calls].filter((name) => !defined.has(name)),
    inputFields: [...inputFields],
    runFields: [...runFields],
    inputPorts: [...inputPorts],
  };
}
