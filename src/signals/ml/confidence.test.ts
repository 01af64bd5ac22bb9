import { describe, expect, it } from 'vitest';
import { confidence, erf } from './confidence.ts';

describe('confidence', () => {
  it('uses an erf within 1.5e-7 of the tabulated values', () => {
    expect(erf(0)).toBeCloseTo(0, 8);
    expect(erf(1)).toBeCloseTo(0.8427007929, 6);
    expect(erf(-0.5)).toBeCloseTo(-0.5204998778, 6);
  });

  it('is |2p − 1| for a classifier', () => {
    expect(confidence('classification', 0.8, Number.NaN)).toBeCloseTo(0.6, 15);
    expect(confidence('classification', 0.25, Number.NaN)).toBe(0.5);
  });

  it('is 2Φ(|ŷ|/s) − 1 for a regression: a prediction 1.96 RMSEs from zero is 95% confident', () => {
    expect(confidence('regression', -1.959964 * 0.002, 0.002)).toBeCloseTo(0.95, 6);
    expect(confidence('regression', 0.01, 0)).toBe(0);
    expect(confidence('regression', 0.01, Number.NaN)).toBe(0);
  });
});
