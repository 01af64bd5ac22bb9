import { describe, expect, it } from 'vitest';
import { maximumSharpe } from './max-sharpe.ts';

describe('maximumSharpe', () => {
  it('2 assets: tangency w proportional to S^-1 (mu - rf)', () => {
    const mu = [0.0008, 0.0005];
    const s11 = 0.0004;
    const s22 = 0.0001;
    const s12 = 0.3 * 0.02 * 0.01;
    const rfAnnual = 0.0252; // 0.0001 per day
    const e1 = mu[0]! - 0.0001;
    const e2 = mu[1]! - 0.0001;
    // S^-1 e up to the 1/det factor: (s22 e1 - s12 e2, s11 e2 - s12 e1)
    const a = s22 * e1 - s12 * e2;
    const b = s11 * e2 - s12 * e1;
    const r = maximumSharpe(
      {
        assets: ['A', 'B'],
        expectedReturns: mu,
        covariance: [
          [s11, s12],
          [s12, s22],
        ],
      },
      { riskFree: rfAnnual },
    );
    expect(r.weights.A).toBeCloseTo(a / (a + b), 13);
    expect(r.weights.B).toBeCloseTo(b / (a + b), 13);
    // and it beats its neighbours
    const sharpeOf = (w: number) =>
      (252 * (w * mu[0]! + (1 - w) * mu[1]!) - rfAnnual) /
      Math.sqrt(252 * (w * w * s11 + (1 - w) ** 2 * s22 + 2 * w * (1 - w) * s12));
    expect(r.sharpe).toBeCloseTo(sharpeOf(a / (a + b)), 12);
    expect(r.sharpe).toBeGreaterThan(sharpeOf(a / (a + b) + 0.01));
    expect(r.sharpe).toBeGreaterThan(sharpeOf(a / (a + b) - 0.01));
  });

  it('uncorrelated: w proportional to excess / variance; negative-excess assets get 0', () => {
    const r = maximumSharpe({
      assets: ['x', 'y', 'z'],
      expectedReturns: [0.001, 0.002, -0.001],
      covariance: [
        [0.0001, 0, 0],
        [0, 0.0004, 0],
        [0, 0, 0.0001],
      ],
    });
    // 0.001/0.0001 = 10, 0.002/0.0004 = 5 -> 2/3, 1/3
    expect(r.weights.x).toBeCloseTo(2 / 3, 13);
    expect(r.weights.y).toBeCloseTo(1 / 3, 13);
    expect(r.weights.z).toBe(0);
  });

  it('throws when no asset beats the risk-free rate', () => {
    expect(() =>
      maximumSharpe(
        { assets: ['a'], expectedReturns: [0.0001], covariance: [[0.0001]] },
        { riskFree: 0.0252 },
      ),
    ).toThrow(/risk-free/);
  });
});
