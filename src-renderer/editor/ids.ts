/** The readable base of a node id for a type: `core.transform` → `transform`. */
export function idBaseForType(type: string): string {
  const last = type.split('.').pop() ?? '';
  const base = last.replace(/[^A-Za-z0-9_-]/g, '-').replace(/^[-.]+/, '');
  return base === '' ? 'node' : base.slice(0, 100);
}

/**
 * A fresh id `base-N`, N one more than the largest N in use for that base (so a deleted id is not reused
 * while its runs may still be on screen), at least 1.
 */
export function freshId(base: string, taken: ReadonlySet<string>): string {
  const pattern = new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}-(\\d+)$`);
  let max = 0;
  for (const id of taken) {
    const match = pattern.exec(id);
    if (match) max = Math.max(max, Number(match[1]));
  }
  let n = max + 1;
  while (taken.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}

/** A workflow id for a name, not in `taken`: `My Flow!` → `my-flow`, then `my-flow-1`… */
export function workflowIdFromName(name: string, taken: ReadonlySet<string>): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 100);
  const base = slug === '' ? 'workflow' : slug;
  return taken.has(base) ? freshId(base, taken) : base;
}

/** A fresh node id for a node type, e.g. `transform-2`. */
export function freshNodeId(type: string, taken: ReadonlySet<string>): string {
  return freshId(idBaseForType(type), taken);
}

/** A fresh edge id `e-N`. */
export function freshEdgeId(taken: ReadonlySet<string>): string {
  return freshId('e', taken);
}
