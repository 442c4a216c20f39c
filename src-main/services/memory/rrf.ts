/** Reciprocal rank fusion (Cormack et al.): each list adds 1 / (k + rank) for an item it contains, rank 1-based. */
export const RRF_K = 60;

export interface Fused {
  id: string;
  score: number;
  /** 1-based rank in each input list, null where the list did not contain the item. */
  ranks: (number | null)[];
}

/** Fuses ranked lists of ids, best first; ties keep the order of first appearance. */
export function reciprocalRankFusion(lists: string[][], k = RRF_K): Fused[] {
  const fused = new Map<string, Fused>();
  lists.forEach((list, listIndex) => {
    list.forEach((id, index) => {
      let entry = fused.get(id);
      if (entry === undefined) {
        entry = { id, score: 0, ranks: lists.map(() => null) };
        fused.set(id, entry);
      }
      if (entry.ranks[listIndex] !== null) return; // a list names an id once
      entry.ranks[listIndex] = index + 1;
      entry.score += 1 / (k + index + 1);
    });
  });
  return [...fused.values()].sort((a, b) => b.score - a.score);
}
