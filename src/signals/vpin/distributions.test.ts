import { describe, expect, it } from 'vitest';
import { incompleteBeta, logGamma, normalCdf, studentTCdf } from './distributions.ts';

describe('normalCdf', () => {
  it('matches tabulated values of Φ to 1e-14 (1e-7 relative in the far tail)', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1)).toBeCloseTo(0.8413447460685429, 14);
    expect(normalCdf(-1.96)).toBeCloseTo(0.024997895148220435, 14);
    expect(normalCdf(3)).toBeCloseTo(0.9986501019683699, 14);
    expect(Math.abs(normalCdf(-8) / 6.22096057427178e-16 - 1)).toBeLessThan(1e-7);
    expect(normalCdf(40)).toBe(1);
  });
});

describe('studentTCdf', () => {
  it('equals the closed forms for 1 (Cauchy) and 2 degrees of freedom', () => {
    for (const t of [-7, -1.5, -0.2, 0.3, 1, 4.5]) {
      expect(studentTCdf(t, 1)).toBeCloseTo(0.5 + Math.atan(t) / Math.PI, 12);
      expect(studentTCdf(t, 2)).toBeCloseTo(0.5 + t / (2 * Math.sqrt(2 + t * t)), 12);
    }
  });

  it('has heavier tails than the normal at 0.25 dof and tends to the normal as dof grows', () => {
    expect(studentTCdf(2, 0.25)).toBeLessThan(normalCdf(2));
    expect(studentTCdf(2, 0.25)).toBeGreaterThan(0.5);
    expect(studentTCdf(-2, 0.25) + studentTCdf(2, 0.25)).toBeCloseTo(1, 14);
    expect(studentTCdf(1.3, 1e6)).toBeCloseTo(normalCdf(1.3), 6);
    expect(() => studentTCdf(1, 0)).toThrow(/degrees of freedom/);
  });

  it('rests on exact gamma and beta values', () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 13);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 13);
    // I_x(1, 1) = x and I_x(2, 1) = x^2.
    expect(incompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 14);
    expect(incompleteBeta(0.3, 2, 1)).toBeCloseTo(0.09, 14);
  });
});
