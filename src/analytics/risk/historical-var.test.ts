import { describe, expect, it } from 'vitest';
import { historicalVar, overlappingReturns } from './historical-var.ts';

const ladder = Array.from({ length: 21 }, (_, i) => (i - 10) / 100); // -0.10 .. 0.10

describe('historicalVar', () => {
  it('1-day VaR/ES by hand (losses positive)', () => {
    // (1 - 0.95) * 20 = rank 1 -> q = -0.09; tail = {-0.10, -0.09}
    const r = historicalVar(ladder);
    expect(r.var).toBeCloseTo(0.09, 15);
    expect(r.es).toBeCloseTo(0.095, 15);
    expect(r).toMatchObject({ method: 'historical', confidence: 0.95, horizonDays: 1 });
  });

  it('interpolates between order statistics', () => {
    // rank 0.01 * 20 = 0.2 -> q = -0.10 + 0.2 * 0.01 = -0.098; tail = {-0.10}
    const r = historicalVar(ladder, { confidence: 0.99 });
    expect(r.var).toBeCloseTo(0.098, 15);
    expect(r.es).toBeCloseTo(0.1, 15);
  });

  it('sqrt-time scaling multiplies by sqrt(h)', () => {
    const r = historicalVar(ladder, { horizonDays: 4 });
    expect(r.var).toBeCloseTo(0.18, 15);
    expect(r.es).toBeCloseTo(0.19, 15);
  });

  it('overlapping scaling uses compounded h-day returns', () => {
    // 2-day: 1.1*0.9-1 = -0.01, 0.9*1.2-1 = 0.08, 1.2*0.8-1 = -0.04
    const r4 = [0.1, -0.1, 0.2, -0.2];
    const two = overlappingReturns(r4, 2);
    expect(two[0]).toBeCloseTo(-0.01, 15);
    expect(two[1]).toBeCloseTo(0.08, 15);
    expect(two[2]).toBeCloseTo(-0.04, 15);
    // c = 0.5: rank 1 of sorted [-0.04, -0.01, 0.08] -> VaR 0.01, ES mean(0.04, 0.01)
    const r = historicalVar(r4, { confidence: 0.5, horizonDays: 2, scaling: 'overlapping' });
    expect(r.var).toBeCloseTo(0.01, 15);
    expect(r.es).toBeCloseTo(0.025, 15);
  });

  it('ES >= VaR on skewed data at several confidences', () => {
    const skewed = [0.01, 0.02, -0.08, 0.005, -0.01, 0.03, -0.2, 0.0, 0.015, -0.03, 0.04, -0.05];
    for (const confidence of [0.5, 0.8, 0.9, 0.95, 0.99]) {
      const r = historicalVar(skewed, { confidence });
      expect(r.es).toBeGreaterThanOrEqual(r.var);
    }
  });

  it('rejects bad inputs with RangeErrors naming the argument', () => {
    expect(() => historicalVar([])).toThrow(/returns/);
    expect(() => historicalVar(ladder, { confidence: 1 })).toThrow(/confidence/);
    expect(() => historicalVar(ladder, { confidence: 0 })).toThrow(/confidence/);
    expect(() => historicalVar(ladder, { horizonDays: 0 })).toThrow(/horizonDays/);
    expect(() => historicalVar([0.1], { horizonDays: 2, scaling: 'overlapping' })).toThrow(/horizonDays/);
  });
});
