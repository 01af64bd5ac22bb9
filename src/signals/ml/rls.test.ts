import { Matrix, solve } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { randomRows, seeded } from './fixtures/random.ts';
import { Rls } from './rls.ts';

/** (λⁿδI + Σ λ^(n−i) φᵢφᵢᵀ)⁻¹ Σ λ^(n−i) φᵢyᵢ with φ = [x, 1]: what RLS must equal after n updates. */
function closedForm(xs: number[][], ys: number[], lambda: number, delta: number): number[] {
  const n = xs.length;
  const phi = new Matrix(xs.map((x) => [...x, 1]));
  const weights = Matrix.diag(xs.map((_, i) => lambda ** (n - 1 - i)));
  const a = phi
    .transpose()
    .mmul(weights)
    .mmul(phi)
    .add(Matrix.eye(phi.columns).mul(lambda ** n * delta));
  const b = phi.transpose().mmul(weights).mmul(Matrix.columnVector(ys));
  return solve(a, b).getColumn(0);
}

function expectVector(actual: number[], expected: number[], tolerance: number): void {
  expect(actual).toHaveLength(expected.length);
  for (let i = 0; i < expected.length; i++)
    expect(Math.abs(actual[i]! - expected[i]!)).toBeLessThan(tolerance);
}

describe('Rls', () => {
  it('takes the hand-computed first step', () => {
    // φ = [2, 1], P = I: Pφ = [2, 1], φᵀPφ = 5, k = [2, 1]/6, e = 3 − 0 = 3 -> θ = [1, 0.5];
    // P = I − k(Pφ)ᵀ = [[1 − 4/6, −2/6], [−2/6, 1 − 1/6]].
    const model = new Rls(1, 1, 1);
    model.update([2], 3);
    expect(model.coefficients()).toEqual([1, 0.5]);
    const p = model.state().p;
    expectVector(p, [1 / 3, -1 / 3, -1 / 3, 5 / 6], 1e-15);
  });

  it('equals the closed-form ridge solution after n updates (λ = 1)', () => {
    const random = seeded(3);
    const xs = randomRows(random, 60, 4);
    const ys = xs.map((x) => 0.7 * x[0]! - 1.2 * x[1]! + 0.05 * x[3]! + 0.3 + 0.2 * (random() - 0.5));
    const model = new Rls(4, 1, 1);
    for (let i = 0; i < xs.length; i++) {
      model.update(xs[i]!, ys[i]!);
      if (i === 9 || i === 59)
        expectVector(model.coefficients(), closedForm(xs.slice(0, i + 1), ys.slice(0, i + 1), 1, 1), 1e-9);
    }
  });

  it('equals the exponentially weighted ridge solution with forgetting (λ = 0.95, δ = 0.5)', () => {
    const random = seeded(5);
    const xs = randomRows(random, 80, 3);
    const ys = xs.map((x, i) => (i < 40 ? 1 : -1) * x[0]! + 0.5 * x[2]! + 0.1 * (random() - 0.5));
    const model = new Rls(3, 0.95, 0.5);
    for (let i = 0; i < xs.length; i++) model.update(xs[i]!, ys[i]!);
    expectVector(model.coefficients(), closedForm(xs, ys, 0.95, 0.5), 1e-9);
    // It tracks the regime change (x0's coefficient went from 1 to −1) where λ = 1 averages the two.
    const flat = new Rls(3, 1, 0.5);
    for (let i = 0; i < xs.length; i++) flat.update(xs[i]!, ys[i]!);
    expect(model.coefficients()[0]).toBeLessThan(-0.5);
    expect(Math.abs(flat.coefficients()[0]!)).toBeLessThan(0.3);
  });

  it('approaches OLS as δ → 0 on noiseless data', () => {
    const xs = randomRows(seeded(9), 30, 2);
    const model = new Rls(2, 1, 1e-6);
    for (const x of xs) model.update(x, 3 * x[0]! - x[1]! + 2);
    expectVector(model.coefficients(), [3, -1, 2], 1e-6);
  });

  it('restores from its state and continues identically', () => {
    const xs = randomRows(seeded(1), 20, 2);
    const a = new Rls(2, 0.99, 1);
    for (const x of xs.slice(0, 10)) a.update(x, x[0]! - x[1]!);
    const b = Rls.restore(JSON.parse(JSON.stringify(a.state())));
    for (const x of xs.slice(10)) {
      a.update(x, x[0]! + x[1]!);
      b.update(x, x[0]! + x[1]!);
    }
    expect(b.coefficients()).toEqual(a.coefficients());
  });

  it('refuses a forgetting factor outside (0, 1]', () => {
    expect(() => new Rls(1, 1.5)).toThrow(/forgetting/);
  });
});
