import { describe, expect, it } from 'vitest';
import { riskContributions, riskParity } from './risk-parity.ts';

describe('riskParity', () => {
  it('uncorrelated assets get inverse-volatility weights', () => {
    const r = riskParity({
      assets: ['a', 'b', 'c'],
      expectedReturns: [0, 0, 0],
      covariance: [
        [0.0001, 0, 0],
        [0, 0.0004, 0],
        [0, 0, 0.0016],
      ],
    });
    // 1/0.01 : 1/0.02 : 1/0.04 = 100 : 50 : 25 -> 4/7, 2/7, 1/7
    expect(r.weights.a).toBeCloseTo(4 / 7, 9);
    expect(r.weights.b).toBeCloseTo(2 / 7, 9);
    expect(r.weights.c).toBeCloseTo(1 / 7, 9);
  });

  it('two correlated assets are still inverse-volatility (symmetry of the 2x2 case)', () => {
    const r = riskParity({
      assets: ['a', 'b'],
      expectedReturns: [0, 0],
      covariance: [
        [0.04, 0.6 * 0.2 * 0.1],
        [0.6 * 0.2 * 0.1, 0.01],
      ],
    });
    expect(r.weights.a).toBeCloseTo(1 / 3, 9);
    expect(r.weights.b).toBeCloseTo(2 / 3, 9);
  });

  it('equalises risk contributions to 1e-10 on a correlated 3-asset matrix', () => {
    const cov = [
      [0.04, 0.006, -0.002],
      [0.006, 0.09, 0.018],
      [-0.002, 0.018, 0.01],
    ];
    const r = riskParity({ assets: ['a', 'b', 'c'], expectedReturns: [0, 0, 0], covariance: cov });
    const w = [r.weights.a!, r.weights.b!, r.weights.c!];
    expect(w.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 14);
    // independent check: w_i (S w)_i / w'S w
    const sw = cov.map((row) => row[0]! * w[0]! + row[1]! * w[1]! + row[2]! * w[2]!);
    const total = w[0]! * sw[0]! + w[1]! * sw[1]! + w[2]! * sw[2]!;
    for (let i = 0; i < 3; i++) expect(Math.abs((w[i]! * sw[i]!) / total - 1 / 3)).toBeLessThan(1e-10);
  });

  it('honours risk budgets', () => {
    const cov = [
      [0.04, 0.01],
      [0.01, 0.09],
    ];
    const r = riskParity(
      { assets: ['a', 'b'], expectedReturns: [0, 0], covariance: cov },
      { budgets: [3, 1] },
    );
    const rc = riskContributions(cov, [r.weights.a!, r.weights.b!]);
    expect(rc[0]).toBeCloseTo(0.75, 9);
    expect(rc[1]).toBeCloseTo(0.25, 9);
  });

  it('rejects zero variance and bad budgets', () => {
    const base = { assets: ['a', 'b'], expectedReturns: [0, 0] };
    expect(() =>
      riskParity({
        ...base,
        covariance: [
          [0, 0],
          [0, 1],
        ],
      }),
    ).toThrow(/covariance\[0\]\[0\]/);
    expect(() =>
      riskParity(
        {
          ...base,
          covariance: [
            [1, 0],
            [0, 1],
          ],
        },
        { budgets: [1] },
      ),
    ).toThrow(/budgets/);
    expect(() =>
      riskParity(
        {
          ...base,
          covariance: [
            [1, 0],
            [0, 1],
          ],
        },
        { budgets: [1, -1] },
      ),
    ).toThrow(/budgets/);
  });
});
