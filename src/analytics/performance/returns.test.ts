import { describe, expect, it } from 'vitest';
import { mixedReturns, negativeReturns, weeklyReturns } from './fixtures.ts';
import { annualReturn, annualVolatility, cumReturns, cumReturnsFinal } from './returns.ts';

describe('cumReturns', () => {
  it('compounds and treats NaN as a zero return (empyrical test vector)', () => {
    const expected = [0.0, 0.01, 0.111, 0.066559, 0.08789, 0.12052, 0.14293, 0.15436, 0.03893];
    cumReturns(mixedReturns).forEach((v, i) => {
      expect(v).toBeCloseTo(expected[i]!, 4);
    });
    // by hand: 1.01 * 1.10 = 1.111
    expect(cumReturns(mixedReturns)[2]).toBeCloseTo(0.111, 14);
    expect(cumReturns([0.1, -0.1], 100)).toEqual([110.00000000000001, 99.00000000000001]);
  });

  it('final value', () => {
    expect(cumReturnsFinal(negativeReturns)).toBeCloseTo(-0.3659073034987, 12);
  });

  it('rejects an empty series', () => {
    expect(() => cumReturns([])).toThrow(/returns must not be empty/);
  });
});

describe('annualReturn', () => {
  it('is the CAGR over len(returns) periods, NaNs included in n (empyrical reference)', () => {
    expect(annualReturn(mixedReturns)).toBeCloseTo(1.9135925373194231, 10);
    expect(annualReturn(weeklyReturns, { period: 'weekly' })).toBeCloseTo(0.24690830513998208, 10);
    expect(annualReturn(weeklyReturns, { period: 'monthly' })).toBeCloseTo(0.052242061386048144, 10);
  });

  it('by hand: two periods of 10% and 0% monthly -> 1.1^(12/2) - 1', () => {
    expect(annualReturn([0.1, 0], { period: 'monthly' })).toBeCloseTo(1.1 ** 6 - 1, 14);
  });
});

describe('annualVolatility', () => {
  it('uses ddof = 1 and sqrt(period factor) (empyrical reference)', () => {
    expect(annualVolatility(mixedReturns)).toBeCloseTo(0.9136465399704637, 12);
    expect(annualVolatility(weeklyReturns, { period: 'weekly' })).toBeCloseTo(0.38851569394870583, 12);
    expect(annualVolatility(weeklyReturns, { period: 'monthly' })).toBeCloseTo(0.18663690238892558, 12);
  });

  it('by hand: [0.01, 0.03] has sample std sqrt(0.0002)', () => {
    expect(annualVolatility([0.01, 0.03])).toBeCloseTo(Math.sqrt(0.0002) * Math.sqrt(252), 14);
  });

  it('is NaN with a single observation and 0 for a flat line', () => {
    expect(annualVolatility([0.01])).toBeNaN();
    expect(annualVolatility([0.01, 0.01, 0.01])).toBe(0);
  });
});
