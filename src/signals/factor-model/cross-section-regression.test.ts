import { describe, expect, it } from 'vitest';
import { crossSectionRegression, type RegressionMode } from './cross-section-regression.ts';

const MODES: RegressionMode[] = ['two-stage', 'joint'];

/** sum_i w_i e_i x_i: zero when the residuals are orthogonal to column x in the weighted sense. */
const weightedDot = (w: number[], e: ArrayLike<number>, x: ArrayLike<number>) =>
  w.reduce((acc, wi, i) => acc + wi * e[i]! * x[i]!, 0);

describe('constrained cross-sectional WLS', () => {
  it('solves a hand-checked two-sector case: market = mean of the sector means', () => {
    // Sector A: r = [0.01, 0.03], w = [1, 3] -> weighted mean 0.025; sector B: [-0.02, 0], w = [1, 1]
    // -> -0.01. Two parameters fit both means exactly: m + fA = 0.025, m - fA = -0.01, so
    // m = 0.0075, fA = 0.0175, fB = -0.0175 (the cap-weighted market would be 0.0133).
    for (const mode of MODES) {
      const result = crossSectionRegression({
        returns: [0.01, 0.03, -0.02, 0],
        weights: [1, 3, 1, 1],
        sector: [0, 0, 1, 1],
        sectors: 2,
        styles: [],
        mode,
      });
      expect(result.market).toBeCloseTo(0.0075, 15);
      expect([...result.sectors].map((f) => +f.toFixed(15))).toEqual([0.0175, -0.0175]);
      expect([...result.residuals].map((e) => +e.toFixed(15))).toEqual([-0.015, 0.005, -0.01, 0.01]);
    }
  });

  // 6 assets, 3 sectors, weights sqrt(cap) = [2, 1, 3, 4, 1, 2]. Style s sums to 0 with these weights
  // inside each sector (2*1 + 1*(-2) = 0, 3*4 + 4*(-3) = 0, 1*(-1) + 2*0.5 = 0), so it is
  // W-orthogonal to the sector columns and both modes recover the factors exactly.
  const w = [2, 1, 3, 4, 1, 2];
  const sector = [0, 0, 1, 1, 2, 2];
  const s = [1, -2, 4, -3, -1, 0.5];
  const market = 0.01;
  const sectorReturns = [0.02, -0.005, -0.015];
  const style = 0.003;
  const exact = s.map((si, i) => market + sectorReturns[sector[i]!]! + style * si);

  it('recovers known factor returns from returns built exactly from them (1e-10)', () => {
    for (const mode of MODES) {
      const result = crossSectionRegression({
        returns: exact,
        weights: w,
        sector,
        sectors: 3,
        styles: [s],
        mode,
      });
      expect(Math.abs(result.market - market)).toBeLessThan(1e-10);
      sectorReturns.forEach((f, j) => {
        expect(Math.abs(result.sectors[j]! - f)).toBeLessThan(1e-10);
      });
      expect(Math.abs(result.styles[0]! - style)).toBeLessThan(1e-10);
      for (const e of result.residuals) expect(Math.abs(e)).toBeLessThan(1e-12);
    }
  });

  it('joint mode recovers any full-rank exposures; the sector constraint and W-orthogonality hold with noise', () => {
    const s2 = [0.3, 1.2, -0.7, 2.1, -1.5, 0.4]; // not orthogonal to the sectors
    const built = s2.map((si, i) => market + sectorReturns[sector[i]!]! + style * si);
    const clean = crossSectionRegression({
      returns: built,
      weights: w,
      sector,
      sectors: 3,
      styles: [s2],
      mode: 'joint',
    });
    expect(Math.abs(clean.styles[0]! - style)).toBeLessThan(1e-10);
    expect(Math.abs(clean.market - market)).toBeLessThan(1e-10);

    const noise = [0.004, -0.002, 0.001, -0.003, 0.006, -0.001];
    const noisy = built.map((r, i) => r + noise[i]!);
    const result = crossSectionRegression({
      returns: noisy,
      weights: w,
      sector,
      sectors: 3,
      styles: [s2],
      mode: 'joint',
    });
    expect(Math.abs(result.sectors.reduce((a, b) => a + b, 0))).toBeLessThan(1e-15);
    const ones = w.map(() => 1);
    expect(Math.abs(weightedDot(w, result.residuals, ones))).toBeLessThan(1e-15);
    expect(Math.abs(weightedDot(w, result.residuals, s2))).toBeLessThan(1e-15);
    for (let j = 0; j < 3; j++) {
      const dummy = sector.map((k) => (k === j ? 1 : 0));
      expect(Math.abs(weightedDot(w, result.residuals, dummy))).toBeLessThan(1e-15);
    }
    // Two-stage: the final residuals are W-orthogonal to the styles, and the sector stage's to the sectors.
    const twoStage = crossSectionRegression({
      returns: noisy,
      weights: w,
      sector,
      sectors: 3,
      styles: [s2],
      mode: 'two-stage',
    });
    expect(Math.abs(twoStage.sectors.reduce((a, b) => a + b, 0))).toBeLessThan(1e-15);
    expect(Math.abs(weightedDot(w, twoStage.residuals, s2))).toBeLessThan(1e-15);
    expect(twoStage.styles[0]).not.toBeCloseTo(result.styles[0]!, 6);
  });

  it('leaves out sectors with no asset and styles with no exposure (NaN), constraining the rest', () => {
    const result = crossSectionRegression({
      returns: [0.01, 0.03, -0.02, 0],
      weights: [1, 3, 1, 1],
      sector: [0, 0, 2, 2],
      sectors: 3,
      styles: [[0, 0, 0, 0]],
      mode: 'joint',
    });
    expect(result.sectors[1]).toBeNaN();
    expect(result.sectors[0]).toBeCloseTo(0.0175, 15);
    expect(result.sectors[2]).toBeCloseTo(-0.0175, 15);
    expect(result.styles[0]).toBeNaN();
  });

  it('splits a duplicated style evenly (minimum-norm solution, as lstsq)', () => {
    const result = crossSectionRegression({
      returns: exact,
      weights: w,
      sector,
      sectors: 3,
      styles: [s, s],
      mode: 'joint',
    });
    expect(Math.abs(result.styles[0]! - style / 2)).toBeLessThan(1e-10);
    expect(Math.abs(result.styles[1]! - style / 2)).toBeLessThan(1e-10);
    expect(Math.abs(result.market - market)).toBeLessThan(1e-10);
  });

  it('with one sector, the market is the weighted mean and the sector return is 0', () => {
    // weighted mean of [0.01, 0.04] with w [1, 2]: (0.01 + 0.08) / 3 = 0.03.
    const result = crossSectionRegression({
      returns: [0.01, 0.04],
      weights: [1, 2],
      sector: [0, 0],
      sectors: 1,
      styles: [],
      mode: 'two-stage',
    });
    expect(result.market).toBeCloseTo(0.03, 15);
    expect(Math.abs(result.sectors[0]!)).toBe(0);
  });
});
