/** Agglomerative single-linkage clustering and the quasi-diagonal leaf order (scipy conventions). */

/** One merge, like a row of scipy's linkage matrix: cluster ids left < right, new id = n + step. */
export interface Merge {
  left: number;
  right: number;
  distance: number;
  size: number;
}

/**
 * Single linkage on a symmetric distance matrix: repeatedly merges the two clusters whose closest
 * members are nearest. Ties go to the pair with the smallest (left, right) ids. O(n^3), fine for
 * portfolio sizes.
 */
export function singleLinkage(distance: readonly (readonly number[])[]): Merge[] {
  const n = distance.length;
  const clusters = new Map<number, number[]>();
  for (let i = 0; i < n; i++) clusters.set(i, [i]);
  const merges: Merge[] = [];
  for (let step = 0; step < n - 1; step++) {
    const ids = [...clusters.keys()].sort((a, b) => a - b);
    let best = { left: -1, right: -1, distance: Number.POSITIVE_INFINITY };
    for (let p = 0; p < ids.length; p++) {
      for (let q = p + 1; q < ids.length; q++) {
        let d = Number.POSITIVE_INFINITY;
        for (const i of clusters.get(ids[p]!)!)
          for (const j of clusters.get(ids[q]!)!) d = Math.min(d, distance[i]![j]!);
        if (d < best.distance) best = { left: ids[p]!, right: ids[q]!, distance: d };
      }
    }
    if (best.left < 0) throw new RangeError('distance matrix contains NaN');
    const members = [...clusters.get(best.left)!, ...clusters.get(best.right)!];
    clusters.delete(best.left);
    clusters.delete(best.right);
    clusters.set(n + step, members);
    merges.push({ ...best, size: members.length });
  }
  return merges;
}

/**
 * Leaf order of the dendrogram, expanding each cluster as [left..., right...] from the final merge
 * down (López de Prado's getQuasiDiag), so that similar assets sit next to each other.
 */
export function quasiDiagonalOrder(merges: readonly Merge[], n: number): number[] {
  if (n === 1) return [0];
  const expand = (id: number): number[] => {
    if (id < n) return [id];
    const m = merges[id - n]!;
    return [...expand(m.left), ...expand(m.right)];
  };
  return expand(n + merges.length - 1);
}
