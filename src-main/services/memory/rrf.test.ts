import { expect, it } from 'vitest';
import { reciprocalRankFusion } from './rrf.ts';

it('fuses ranked lists by reciprocal rank (k = 60)', () => {
  const fused = reciprocalRankFusion([
    ['a', 'b', 'c'],
    ['c', 'd'],
  ]);
  expect(fused.map((entry) => entry.id)).toEqual(['c', 'a', 'b', 'd']);
  expect(fused[0]).toEqual({ id: 'c', score: 1 / 63 + 1 / 61, ranks: [3, 1] });
  expect(fused.find((entry) => entry.id === 'd')?.ranks).toEqual([null, 2]);
});
