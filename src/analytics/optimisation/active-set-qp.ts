/**
 * Primal active-set solver for the small convex QP
 *   minimise 1/2 x'Qx  subject to  a'x = 1,  x >= 0
 * with Q symmetric positive definite on the assets that end up held. Exact up to rounding
 * (each iteration solves the equality-constrained problem on the free set in closed form),
 * and finite: it never revisits a free set because the objective strictly decreases.
 */
import { LuDecomposition, Matrix } from 'ml-matrix';

/** Solve Q_FF y = a_F for the free set F. */
function solveFree(q: readonly (readonly number[])[], a: readonly number[], free: number[]): number[] {
  const sub = new Matrix(free.map((i) => free.map((j) => q[i]![j]!)));
  const lu = new LuDecomposition(sub);
  if (lu.isSingular()) throw new RangeError('covariance is singular on the selected assets');
  return lu.solve(Matrix.columnVector(free.map((i) => a[i]!))).to1DArray();
}

/**
 * @param x0 a feasible start (a'x0 = 1, x0 >= 0); its positive entries form the initial free set.
 */
export function solveSimplexQp(
  q: readonly (readonly number[])[],
  a: readonly number[],
  x0: readonly number[],
): number[] {
  const n = a.length;
  const x = [...x0];
  const free = new Set<number>(x.flatMap((v, i) => (v > 0 ? [i] : [])));
  const scale = Math.max(...q.map((row, i) => Math.abs(row[i]!)), Number.MIN_VALUE);
  const tol = 1e-12 * scale;
  for (let iter = 0; iter < 50 * n + 100; iter++) {
    const f = [...free].sort((i, j) => i - j);
    const y = solveFree(q, a, f);
    const denom = f.reduce((s, i, k) => s + a[i]! * y[k]!, 0);
    if (!(Math.abs(denom) > 0)) throw new RangeError('no feasible portfolio on the selected assets');
    const target = y.map((v) => v / denom);
    // Longest step towards the target that keeps x >= 0.
    let alpha = 1;
    let blocking = -1;
    f.forEach((i, k) => {
      const p = target[k]! - x[i]!;
      if (p < 0 && -x[i]! / p < alpha) {
        alpha = -x[i]! / p;
        blocking = i;
      }
    });
    f.forEach((i, k) => {
      x[i] = x[i]! + alpha * (target[k]! - x[i]!);
    });
    if (blocking >= 0) {
      x[blocking] = 0;
      free.delete(blocking);
      continue;
    }
    // Optimal on F: Q_FF x_F = lambda a_F with lambda = 1 / denom. KKT: (Qx)_i - lambda a_i >= 0 off F.
    const lambda = 1 / denom;
    let worst = -1;
    let worstValue = -tol;
    for (let i = 0; i < n; i++) {
      if (free.has(i)) continue;
      const nu = q[i]!.reduce((s, qij, j) => s + qij * x[j]!, 0) - lambda * a[i]!;
      if (nu < worstValue) {
        worstValue = nu;
        worst = i;
      }
    }
    if (worst < 0) return x;
    free.add(worst);
  }
  throw new Error('active-set solver did not converge');
}
