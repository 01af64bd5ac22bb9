import { describe, expect, it } from 'vitest';
import { solveSimplexQp } from './active-set-qp.ts';

// A 4-asset covariance where the minimum-variance portfolio holds only some assets.
const q = [
  [0.04, 0.018, 0.01, 0.03],
  [0.018, 0.0225, 0.006, 0.02],
  [0.01, 0.006, 0.01, 0.012],
  [0.03, 0.02, 0.012, 0.09],
];

describe('solveSimplexQp', () => {
  it('satisfies the KKT conditions of min x^T Q x, sum x = 1, x >= 0', () => {
    const x = solveSimplexQp(q, [1, 1, 1, 1], [0.25, 0.25, 0.25, 0.25]);
    expect(x.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 14);
    const g = q.map((row) => row.reduce((s, v, j) => s + v * x[j]!, 0));
    const held = x.flatMap((v, i) => (v > 1e-12 ? [i] : []));
    expect(held.length).toBeLessThan(4); // asset 3 is dominated and dropped
    const lambda = g[held[0]!]!;
    for (let i = 0; i < 4; i++) {
      expect(x[i]).toBeGreaterThanOrEqual(0);
      if (held.includes(i)) expect(g[i]).toBeCloseTo(lambda, 14);
      else expect(g[i]! - lambda).toBeGreaterThan(0);
    }
  });

  it('beats every point of a coarse grid on the simplex', () => {
    const x = solveSimplexQp(q, [1, 1, 1, 1], [0.25, 0.25, 0.25, 0.25]);
    const f = (w: number[]) =>
      w.reduce((s, wi, i) => s + wi * q[i]!.reduce((t, v, j) => t + v * w[j]!, 0), 0);
    const best = f(x);
    const step = 0.05;
    for (let a = 0; a <= 1 + 1e-9; a += step)
      for (let b = 0; a + b <= 1 + 1e-9; b += step)
        for (let c = 0; a + b + c <= 1 + 1e-9; c += step) {
          expect(f([a, b, c, Math.max(0, 1 - a - b - c)])).toBeGreaterThanOrEqual(best - 1e-15);
        }
  });

  it('reports a singular covariance on the held assets', () => {
    expect(() =>
      solveSimplexQp(
        [
          [1, 1],
          [1, 1],
        ],
        [1, 1],
        [0.5, 0.5],
      ),
    ).toThrow(/singular/);
  });
});
