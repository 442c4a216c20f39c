/**
 * Built-in JSONata functions whose cost is linear in their arguments (or n log n), with no regex, no code from
 * strings and no allocation that a small argument can make huge (`$pad` takes a width, `$replace` multiplies).
 */
const LINEAR_FUNCTIONS = new Set([
  'string',
  'length',
  'substring',
  'substringBefore',
  'substringAfter',
  'uppercase',
  'lowercase',
  'trim',
  'join',
  'contains',
  'split',
  'base64encode',
  'base64decode',
  'encodeUrl',
  'encodeUrlComponent',
  'decodeUrl',
  'decodeUrlComponent',
  'number',
  'abs',
  'floor',
  'ceil',
  'round',
  'sqrt',
  'power',
  'random',
  'formatNumber',
  'formatBase',
  'formatInteger',
  'parseInteger',
  'sum',
  'max',
  'min',
  'average',
  'count',
  'boolean',
  'not',
  'exists',
  'append',
  'reverse',
  'distinct',
  'sort',
  'shuffle',
  'zip',
  'keys',
  'lookup',
  'spread',
  'merge',
  'type',
  'assert',
  'error',
  'now',
  'millis',
  'fromMillis',
  'toMillis',
]);

/**
 * Whether a parsed JSONata expression may run on the caller's event loop: it defines no function (so no recursion),
 * has no regex (a backtracking regex can run for ever in one step), no range (`[1..1e7]` allocates in one step),
 * and calls only `LINEAR_FUNCTIONS` and the host's bindings. Every step of such an expression is then linear in the
 * size of its arguments, so a limit on its steps' total time (JSONata's `timeout` guardrail) bounds it; past that
 * limit it runs again in the sandbox. Anything this does not recognise answers false.
 */
export function isBounded(ast: unknown, hostNames: ReadonlySet<string>): boolean {
  const bound = new Set<string>(['', '$']);
  const variables: string[] = [];
  const seen = new Set<object>();
  const walk = (value: unknown): boolean => {
    if (value === null || typeof value !== 'object' || seen.has(value)) return true;
    if (value instanceof RegExp) return false;
    seen.add(value);
    if (Array.isArray(value)) return value.every(walk);
    const node = value as { type?: unknown; value?: unknown; procedure?: { type?: unknown; value?: unknown } };
    switch (node.type) {
      case 'regex':
      case 'lambda':
      case 'partial':
        return false;
      case 'binary':
        if (node.value === '..') return false;
        break;
      case 'function': {
        const name = node.procedure?.type === 'variable' ? node.procedure.value : undefined;
        if (typeof name !== 'string' || !(LINEAR_FUNCTIONS.has(name) || hostNames.has(name))) return false;
        break;
      }
      case 'variable':
        if (typeof node.value === 'string') variables.push(node.value);
        break;
      case 'bind': {
        const lhs = (value as { lhs?: { value?: unknown } }).lhs?.value;
        if (typeof lhs === 'string') bound.add(lhs);
        break;
      }
    }
    for (const [key, item] of Object.entries(value)) {
      if ((key === 'focus' || key === 'index') && typeof item === 'string') bound.add(item);
      else if (!walk(item)) return false;
    }
    return true;
  };
  if (!walk(ast)) return false;
  // A variable names data, a host binding or a linear function; any other built-in (`$eval`, `$map`) is out.
  return variables.every((name) => bound.has(name) || hostNames.has(name) || LINEAR_FUNCTIONS.has(name));
}
