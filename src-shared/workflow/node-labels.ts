/** What naming a node needs: its id, type and the label a person gave it. */
export interface NamedNode {
  id: string;
  type: string;
  label?: string | undefined;
}

/** A node type's title, or undefined for a type the catalogue does not know. */
export type TitleOf = (type: string) => string | undefined;

/**
 * What a person reads for each node, by id: its label; else its type's title, numbered in graph order when several
 * unlabelled nodes share a type ("Router", "Router 2"), skipping a number another node already uses as its label;
 * else (an unknown type) its id. Ids stay for tooltips and secondary text.
 */
export function nodeLabels(nodes: readonly NamedNode[], titleOf: TitleOf): Map<string, string> {
  const labels = new Map<string, string>();
  const taken = new Set<string>();
  for (const node of nodes) {
    const label = node.label?.trim();
    if (label !== undefined && label !== '') taken.add(label);
  }
  const counts = new Map<string, number>();
  for (const node of nodes) {
    const own = node.label?.trim();
    if (own !== undefined && own !== '') {
      labels.set(node.id, own);
      continue;
    }
    const title = titleOf(node.type);
    if (title === undefined) {
      labels.set(node.id, node.id);
      continue;
    }
    let n = counts.get(title) ?? 0;
    let label: string;
    do {
      n += 1;
      label = n === 1 ? title : `${title} ${n}`;
    } while (taken.has(label));
    counts.set(title, n);
    taken.add(label);
    labels.set(node.id, label);
  }
  return labels;
}

/** A node's label from a map made by `nodeLabels`, or the id itself for a node the graph no longer has. */
export function labelOf(labels: ReadonlyMap<string, string>, nodeId: string): string {
  return labels.get(nodeId) ?? nodeId;
}

/**
 * A message that names nodes by id in quotes (`node "router-1" has no output port "x"`, `"llm-1.out"`) with each
 * node's label instead: the engine and the validator speak in ids, a person reads labels.
 */
export function withNodeLabels(text: string, labels: ReadonlyMap<string, string>): string {
  return text.replace(/"([^"\n]+)"/g, (quoted, inner: string) => {
    const label = labels.get(inner);
    if (label !== undefined) return `"${label}"`;
    const dot = inner.lastIndexOf('.');
    const owner = dot > 0 ? labels.get(inner.slice(0, dot)) : undefined;
    return owner === undefined ? quoted : `"${owner}.${inner.slice(dot + 1)}"`;
  });
}
