import { describe, expect, it } from 'vitest';
import {
  flatLine1,
  mixedReturns,
  negativeReturns,
  positiveReturns,
  simpleBenchmark,
  weeklyReturns,
} from './fixtures.ts';
import { calmarRatio, downsideRisk, omegaRatio, sharpeRatio, sortinoRatio } from './ratios.ts';

describe('sharpeRatio', () => {
  it('matches empyrical reference values', () => {
    expect(sharpeRatio(mixedReturns)).toBeCloseTo(1.7238613961706866, 10);
    expect(sharpeRatio(mixedReturns, { riskFree: simpleBenchmark })).toBeCloseTo(0.34111411441060574, 10);
    expect(sharpeRatio(positiveReturns)).toBeCloseTo(52.915026221291804, 8);
    expect(sharpeRatio(negativeReturns)).toBeCloseTo(-24.406808633910085, 8);
  });

  it('by hand: [0.01, 0.03] -> mean 0.02 / std sqrt(0.0002) * sqrt(252)', () => {
    expect(sharpeRatio([0.01, 0.03])).toBeCloseTo((0.02 / Math.sqrt(0.0002)) * Math.sqrt(252), 12);
    expect(sharpeRatio([0.01, 0.03], { period: 'monthly', riskFree: 0.01 })).toBeCloseTo(
      (0.01 / Math.sqrt(0.0002)) * Math.sqrt(12),
      12,
    );
  });

  it('is NaN for fewer than two observations or zero deviation', () => {
    expect(sharpeRatio([0.01])).toBeNaN();
    expect(sharpeRatio([Number.NaN, 0.01])).toBeNaN();
    expect(sharpeRatio(flatLine1)).toBeNaN();
    expect(sharpeRatio(mixedReturns, { riskFree: mixedReturns })).toBeNaN();
  });

  it('rejects mismatched risk-free series and empty input', () => {
    expect(() => sharpeRatio([0.1, 0.2], { riskFree: [0] })).toThrow(/riskFree/);
    expect(() => sharpeRatio([])).toThrow(/returns/);
  });
});

describe('downsideRisk and sortinoRatio', () => {
  it('matches empyrical downside_risk references', () => {
    expect(downsideRisk(mixedReturns)).toBeCloseTo(0.60448325038829653, 12);
    expect(downsideRisk(mixedReturns, { requiredReturn: 0.1 })).toBeCloseTo(1.7161730681956295, 12);
    expect(downsideRisk(weeklyReturns, { period: 'weekly' })).toBeCloseTo(0.25888650451930134, 12);
  });

  it('matches empyrical sortino references', () => {
    expect(sortinoRatio(mixedReturns)).toBeCloseTo(2.605531251673693, 10);
    expect(sortinoRatio(mixedReturns, { requiredReturn: flatLine1 })).toBeCloseTo(-1.3934779588919977, 10);
    expect(sortinoRatio(negativeReturns)).toBeCloseTo(-13.532743075043401, 8);
    // weekly: annualised mean (0.05 / 9) * 52 over empyrical's weekly downside risk reference.
    // (That suite's 0.5069 sortino reference differs by exactly sqrt(252 / 52): an old bug.)
    expect(sortinoRatio(weeklyReturns, { period: 'weekly' })).toBeCloseTo(
      ((0.05 / 9) * 52) / 0.25888650451930134,
      10,
    );
  });

  it('by hand: downside averages over ALL observations', () => {
    // [0.02, -0.02]: downside sqrt((0 + 0.0004) / 2) = sqrt(0.0002); mean 0 -> sortino 0
    expect(downsideRisk([0.02, -0.02], { annualization: 1 })).toBeCloseTo(Math.sqrt(0.0002), 15);
    // [0.04, -0.02]: mean 0.01 * 252 / (sqrt(0.0002) * sqrt(252))
    expect(sortinoRatio([0.04, -0.02])).toBeCloseTo((0.01 * 252) / (Math.sqrt(0.0002) * Math.sqrt(252)), 10);
  });

  it('is +Infinity with no downside and NaN with one observation', () => {
    expect(sortinoRatio(positiveReturns)).toBe(Number.POSITIVE_INFINITY);
    expect(sortinoRatio([0.01])).toBeNaN();
  });
});

describe('calmarRatio', () => {
  it('matches empyrical references', () => {
    expect(calmarRatio(mixedReturns)).toBeCloseTo(19.135925373194233, 8);
    expect(calmarRatio(weeklyReturns, { period: 'weekly' })).toBeCloseTo(2.4690830513998208, 10);
  });

  it('is NaN without a drawdown', () => {
    expect(calmarRatio(positiveReturns)).toBeNaN();
  });
});

describe('omegaRatio', () => {
  it('matches empyrical references', () => {
    expect(omegaRatio(mixedReturns, { requiredReturn: 10 })).toBeCloseTo(0.83354263497557934, 12);
    expect(omegaRatio(mixedReturns, { riskFree: flatLine1 })).toBeCloseTo(0.8125, 14);
    expect(omegaRatio(positiveReturns, { riskFree: 0.011 })).toBeCloseTo(1.125, 12);
    expect(omegaRatio(positiveReturns, { riskFree: 0.02 })).toBe(0);
    expect(omegaRatio(mixedReturns, { requiredReturn: -10 })).toBeNaN();
    expect(omegaRatio(positiveReturns, { riskFree: 0.01 })).toBeNaN();
  });
});
