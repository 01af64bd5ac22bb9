import { describe, expect, it } from 'vitest';
import { erfc, normCdf, normInv, normPdf } from './normal.ts';

describe('normal distribution', () => {
  it('erfc and cdf match tabulated values', () => {
    expect(erfc(0)).toBeCloseTo(1, 15);
    expect(erfc(1)).toBeCloseTo(0.15729920705028513, 15);
    expect(erfc(-1)).toBeCloseTo(1.8427007929497148, 15);
    expect(normCdf(1.959963984540054)).toBeCloseTo(0.975, 14);
  });

  it('quantiles match tabulated values', () => {
    expect(normInv(0.5)).toBeCloseTo(0, 14);
    expect(normInv(0.95)).toBeCloseTo(1.6448536269514722, 13);
    expect(normInv(0.99)).toBeCloseTo(2.3263478740408408, 13);
    expect(normInv(0.01)).toBeCloseTo(-2.3263478740408408, 13);
    expect(normInv(1e-5)).toBeCloseTo(-4.264890793922825, 12);
  });

  it('density at 0 is 1/sqrt(2 pi)', () => {
    expect(normPdf(0)).toBe(1 / Math.sqrt(2 * Math.PI));
  });

  it('rejects p outside (0, 1)', () => {
    expect(() => normInv(0)).toThrow(RangeError);
    expect(() => normInv(1)).toThrow(RangeError);
  });
});
