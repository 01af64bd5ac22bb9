import { describe, expect, it } from 'vitest';
import { quasiDiagonalOrder, singleLinkage } from './single-linkage.ts';

describe('singleLinkage', () => {
  it('merges nearest clusters by their closest members, scipy-style ids', () => {
    // points on a line: 0, 1, 5, 7 -> merge (0,1) at 1, then (2,3) at 2, then (4,5) at 4 (1 to 5)
    const x = [0, 1, 5, 7];
    const d = x.map((a) => x.map((b) => Math.abs(a - b)));
    expect(singleLinkage(d)).toEqual([
      { left: 0, right: 1, distance: 1, size: 2 },
      { left: 2, right: 3, distance: 2, size: 2 },
      { left: 4, right: 5, distance: 4, size: 4 },
    ]);
  });

  it('orders leaves left-first from the last merge', () => {
    // points 10, 0, 11: merge (0, 2) -> id 3, then (1, 3) -> order [1, 0, 2]
    const x = [10, 0, 11];
    const d = x.map((a) => x.map((b) => Math.abs(a - b)));
    const merges = singleLinkage(d);
    expect(merges[1]).toMatchObject({ left: 1, right: 3, distance: 10 });
    expect(quasiDiagonalOrder(merges, 3)).toEqual([1, 0, 2]);
    expect(quasiDiagonalOrder([], 1)).toEqual([0]);
  });
});
