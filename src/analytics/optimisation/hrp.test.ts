import { describe, expect, it } from 'vitest';
import { correlationDistance, hierarchicalRiskParity, hrpWeights } from './hrp.ts';

describe('hierarchicalRiskParity', () => {
  it('block-diagonal covariance with interleaved assets gives the textbook split', () => {
    // Blocks {A, B} (var 1, rho 0.5) and {C, D} (var 4, rho 0.5), listed as A, C, B, D.
    // Within a block the IVP is (1/2, 1/2): cluster variances 0.75 and 3 -> alpha = 1 - 0.75/3.75 = 0.8.
    const cov = [
      [1, 0, 0.5, 0],
      [0, 4, 0, 2],
      [0.5, 0, 1, 0],
      [0, 2, 0, 4],
    ].map((row) => row.map((v) => v * 1e-4));
    const r = hierarchicalRiskParity({
      assets: ['A', 'C', 'B', 'D'],
      expectedReturns: [0, 0, 0, 0],
      covariance: cov,
    });
    expect(r.weights.A).toBeCloseTo(0.4, 14);
    expect(r.weights.B).toBeCloseTo(0.4, 14);
    expect(r.weights.C).toBeCloseTo(0.1, 14);
    expect(r.weights.D).toBeCloseTo(0.1, 14);
    expect(hrpWeights(cov).order).toEqual([0, 2, 1, 3]);
  });

  it('uneven clusters follow scipy leaf order and the floor(n/2) split (hand-computed)', () => {
    // A var 1, B var 4, cov 1 (rho 0.5); C var 2 uncorrelated. A-B merge first (id 3), then
    // merge (2, 3): order [C, A, B]; split [C] | [A, B].
    // IVP(A, B) = (0.8, 0.2): variance 0.64 + 0.16 + 0.32 = 1.12; alpha = 1 - 2 / 3.12.
    // Then [A] | [B]: alpha = 1 - 1 / 5 = 0.8.
    const cov = [
      [1, 1, 0],
      [1, 4, 0],
      [0, 0, 2],
    ];
    const { weights, order } = hrpWeights(cov);
    expect(order).toEqual([2, 0, 1]);
    expect(weights[2]).toBeCloseTo(1.12 / 3.12, 14);
    expect(weights[0]).toBeCloseTo((0.8 * 2) / 3.12, 14);
    expect(weights[1]).toBeCloseTo((0.2 * 2) / 3.12, 14);
  });

  it('diagonal covariance reduces to inverse-variance weights', () => {
    const cov = [
      [1, 0, 0, 0],
      [0, 2, 0, 0],
      [0, 0, 4, 0],
      [0, 0, 0, 8],
    ];
    const { weights } = hrpWeights(cov);
    const inv = [1, 0.5, 0.25, 0.125];
    const total = 1.875;
    weights.forEach((w, i) => {
      expect(w).toBeCloseTo(inv[i]! / total, 14);
    });
  });

  it('correlation distance is sqrt(0.5 (1 - rho))', () => {
    const d = correlationDistance([
      [4, -2],
      [-2, 4],
    ]);
    expect(d[0]![0]).toBe(0);
    expect(d[0]![1]).toBeCloseTo(Math.sqrt(0.75), 15); // rho = -0.5
  });

  it('plain correlation linkage gives the same answer on a block matrix', () => {
    const cov = [
      [1, 1, 0],
      [1, 4, 0],
      [0, 0, 2],
    ];
    expect(hrpWeights(cov, 'correlation').weights[2]).toBeCloseTo(1.12 / 3.12, 14);
  });

  it('rejects a zero variance', () => {
    expect(() => hrpWeights([[0]])).toThrow(/covariance\[0\]\[0\]/);
  });
});
