import jsonata from 'jsonata';

/** Distinct expression texts kept; past this the cache starts again (a workflow has a few thousand at most). */
const MAX_CACHED = 5_000;

type Parsed = { ok: true; ast: unknown } | { ok: false; error: unknown };

const parsed = new Map<string, Parsed>();

/**
 * The syntax tree of a JSONata expression, parsed once per text: the static checks (which functions an expression
 * calls, which fields a Transform outputs) read every expression of a workflow on each validation, and building a
 * JSONata expression costs far more than walking its tree (about 0.3 ms each, so 0.4 s for a 1,000-node workflow).
 * Throws what `jsonata()` throws for text that does not parse, every time. The tree is shared: read it, never change it.
 */
export function expressionAst(expression: string): unknown {
  let entry = parsed.get(expression);
  if (entry === undefined) {
    try {
      entry = { ok: true, ast: jsonata(expression).ast() };
    } catch (error) {
      entry = { ok: false, error };
    }
    if (parsed.size >= MAX_CACHED) parsed.clear();
    parsed.set(expression, entry);
  }
  if (!entry.ok) throw entry.error;
  return entry.ast;
}
