/** One config string the engine evaluates: a JSONata expression or a `{{ }}` template. */
export interface ExpressionField {
  /** Dotted path into the config: `prompt`, `routes.0.expression`. */
  path: string;
  kind: 'expression' | 'template';
  text: string;
}

type Schema = Record<string, unknown>;
const record = (value: unknown): Record<string, unknown> | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

/**
 * The expression and template strings of a config, found by walking its JSON Schema (`ui: 'expression' | 'template'`
 * hints, as the inspector reads them) beside the value: into objects, list items and the variants of a union.
 */
export function expressionFields(schema: Schema, config: unknown): ExpressionField[] {
  const found = new Map<string, ExpressionField>();
  const defs = record(schema.$defs) ?? {};
  const resolve = (node: Schema, depth: number): Schema => {
    const ref = node.$ref;
    if (typeof ref !== 'string' || depth > 8) return node;
    const target = record(defs[ref.replace(/^#\/\$defs\//, '')]);
    return target === undefined ? node : resolve(target, depth + 1);
  };
  const walk = (node: Schema, value: unknown, path: string[], depth: number): void => {
    if (depth > 32) return;
    const schemaNode = resolve(node, 0);
    const ui = schemaNode.ui;
    if (typeof value === 'string' && (ui === 'expression' || ui === 'template')) {
      const key = path.join('.');
      if (!found.has(key)) found.set(key, { path: key, kind: ui, text: value });
      return;
    }
    for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
      const variants = schemaNode[key];
      if (Array.isArray(variants)) for (const variant of variants) if (record(variant)) walk(record(variant)!, value, path, depth + 1);
    }
    if (Array.isArray(value)) {
      const items = record(schemaNode.items);
      if (items !== undefined) value.forEach((item, index) => walk(items, item, [...path, String(index)], depth + 1));
      return;
    }
    const object = record(value);
    const properties = record(schemaNode.properties);
    if (object === undefined || properties === undefined) return;
    for (const [name, property] of Object.entries(properties)) {
      const child = record(property);
      if (child !== undefined && Object.hasOwn(object, name)) walk(child, object[name], [...path, name], depth + 1);
    }
  };
  walk(schema, config, [], 0);
  return [...found.values()];
}
