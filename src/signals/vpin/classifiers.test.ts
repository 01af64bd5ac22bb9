import { describe, expect, it } from 'vitest';
import { AggressorClassifier, BvcClassifier, createClassifier, TickRuleClassifier } from './classifiers.ts';
import { normalCdf, studentTCdf } from './distributions.ts';

describe('BvcClassifier', () => {
  it('is Φ(ΔP/σ) with σ the sample deviation of the trailing changes (current one included)', () => {
    const bvc = new BvcClassifier(3);
    // open 100, closes 101, 100, 102, 102 -> changes 1 (close - open), -1, 2, 0.
    expect(bvc.buyFraction(100, 101)).toBe(0.5); // one change: no σ yet
    // {1, -1}: mean 0, s² = (1 + 1) / 1 = 2 -> z = -1/√2.
    expect(bvc.buyFraction(101, 100)).toBeCloseTo(normalCdf(-1 / Math.SQRT2), 15);
    // {1, -1, 2}: mean 2/3, Σ(x - mean)² = 1/9 + 25/9 + 16/9 = 42/9, s² = 7/3 -> z = 2/√(7/3).
    expect(bvc.buyFraction(100, 102)).toBeCloseTo(normalCdf(2 / Math.sqrt(7 / 3)), 14);
    // window {-1, 2, 0} (the 1 fell out): z = 0.
    expect(bvc.buyFraction(102, 102)).toBe(0.5);
  });

  it('gives 1/2 on flat prices and uses the Student-t CDF for bvc-t', () => {
    const flat = new BvcClassifier(5);
    for (let i = 0; i < 4; i++) expect(flat.buyFraction(10, 10)).toBe(0.5);
    const t = createClassifier('bvc-t', { sigmaWindow: 3, degreesOfFreedom: 2 });
    t.buyFraction(100, 101);
    expect(t.buyFraction(101, 100)).toBeCloseTo(studentTCdf(-1 / Math.SQRT2, 2), 14);
    expect(() => new BvcClassifier(1)).toThrow(/sigma window/);
  });
});

describe('tick rule and aggressor', () => {
  it('classifies upticks as buys, downticks as sells and zero ticks like the last non-zero one', () => {
    const tick = new TickRuleClassifier();
    expect([10, 10.5, 10.5, 10.2, 10.2, 10.3].map((p) => tick.buyFraction(p, p))).toEqual([
      0.5, 1, 1, 0, 0, 1,
    ]);
  });

  it('takes the aggressor side and falls back to the tick rule without one', () => {
    const aggressor = new AggressorClassifier();
    expect(aggressor.buyFraction(10, 10, 'sell')).toBe(0);
    expect(aggressor.buyFraction(11, 11, 'sell')).toBe(0);
    expect(aggressor.buyFraction(12, 12)).toBe(1); // uptick 11 -> 12
    expect(aggressor.buyFraction(12, 12, 'buy')).toBe(1);
    expect(aggressor.fallbacks).toBe(1);
  });
});
