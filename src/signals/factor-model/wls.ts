/** Weighted least squares on a row-major design, via the normal equations and ml-matrix solvers. */
import { CholeskyDecomposition, Matrix, SingularValueDecomposition } from 'ml-matrix';

/**
 * beta minimising sum_i w_i (y_i - x_i . beta)^2, for an n x k row-major design `x`. The k x k
 * normal equations X'WX beta = X'Wy are accumulated in one pass over the rows (k is small, n large)
 * and solved by Cholesky; when X'WX is not positive definite (collinear exposures) the SVD gives
 * the minimum-norm solution, as numpy's `lstsq` does in Toraniko.
 */
export function weightedLeastSquares(
  x: Float64Array,
  n: number,
  k: number,
  y: ArrayLike<number>,
  w: ArrayLike<number>,
): Float64Array {
  const xtwx = new Float64Array(k * k);
  const xtwy = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const wi = w[i]!;
    const row = i * k;
    const wy = wi * y[i]!;
    for (let a = 0; a < k; a++) {
      const xa = x[row + a]!;
      if (xa === 0) continue; // sector columns are sparse
      const wxa = wi * xa;
      xtwy[a]! += xa * wy;
      for (let b = 0; b <= a; b++) xtwx[a * k + b]! += wxa * x[row + b]!;
    }
  }
  const normal = new Matrix(k, k);
  for (let a = 0; a < k; a++)
    for (let b = 0; b <= a; b++) {
      normal.set(a, b, xtwx[a * k + b]!);
      normal.set(b, a, xtwx[a * k + b]!);
    }
  const rhs = Matrix.columnVector(Array.from(xtwy));
  const cholesky = new CholeskyDecomposition(normal);
  const solution = cholesky.isPositiveDefinite()
    ? cholesky.solve(rhs)
    : new SingularValueDecomposition(normal, { autoTranspose: true }).solve(rhs);
  return Float64Array.from(solution.getColumn(0));
}

/** y - X beta. */
export function residualsOf(x: Float64Array, n: number, k: number, y: ArrayLike<number>, beta: Float64Array) {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let fitted = 0;
    for (let a = 0; a < k; a++) fitted += x[i * k + a]! * beta[a]!;
    out[i] = y[i]! - fitted;
  }
  return out;
}
