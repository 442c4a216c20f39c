import type { Problem } from '../errors/operon-error.ts';
import { scanJson } from '../limits/json-limits.ts';
import { reservedNameMessage } from '../limits/reserved-names.ts';

/**
 * What is wrong with a workflow document before its schema is even tried (zod, the migrations and the engine all
 * recurse, and zod drops `__proto__` keys without a word): nesting past the depth limit (OPR-006; nothing else is
 * checked then) and every `__proto__` key (OPR-021), each with its path and node or edge id. Iterative: it is safe on
 * any parsed JSON, however deep.
 */
export function documentScanProblems(document: unknown): { problems: Problem[]; tooDeep: boolean } {
  const scan = scanJson(document, { findProtoKeys: true });
  if (scan.tooDeep !== undefined) {
    const { message, path, keys } = scan.tooDeep;
    return { problems: [{ code: 'OPR-006', path, ...ownerOf(document, keys), message: `the workflow is ${message}` }], tooDeep: true };
  }
  const problems = scan.protoKeys.map(({ path, keys }): Problem => ({
    code: 'OPR-021',
    path,
    ...ownerOf(document, keys),
    message: reservedNameMessage('the key', '__proto__'),
  }));
  return { problems, tooDeep: false };
}

/** The node or edge a path into the document starts in (`nodes[3]…` is node 3's id). */
function ownerOf(document: unknown, keys: readonly PropertyKey[]): { nodeId?: string; edgeId?: string } {
  const [list, index] = keys;
  if ((list !== 'nodes' && list !== 'edges') || typeof index !== 'number') return {};
  const items = (document as Record<string, unknown>)[list];
  const id = Array.isArray(items) ? (items[index] as { id?: unknown } | null | undefined)?.id : undefined;
  if (typeof id !== 'string') return {};
  return list === 'nodes' ? { nodeId: id } : { edgeId: id };
}
