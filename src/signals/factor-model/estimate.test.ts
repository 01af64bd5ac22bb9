import { describe, expect, it } from 'vitest';
import { DEFAULT_FACTOR_MODEL, estimateFactorModel, type FactorModelOptions } from './estimate.ts';
import type { FactorPanel } from './panel.ts';

/** A deterministic panel: 40 assets in 4 sectors over 60 dates, caps and value ratios per asset. */
function syntheticPanel(T = 60, N = 40): FactorPanel {
  let seed = 11;
  const next = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const returns = new Float64Array(T * N);
  const marketCap = new Float64Array(T * N);
  const bookPrice = new Float64Array(T * N);
  const cashFlowPrice = new Float64Array(T * N);
  const baseCap = Array.from({ length: N }, () => 10 ** (8 + 4 * next()));
  for (let t = 0; t < T; t++)
    for (let i = 0; i < N; i++) {
      returns[t * N + i] = (next() - 0.5) * 0.04;
      marketCap[t * N + i] = baseCap[i]! * (1 + 0.1 * next());
      bookPrice[t * N + i] = 0.2 + next();
      cashFlowPrice[t * N + i] = next() * 0.1 - 0.02;
    }
  return {
    dates: Array.from({ length: T }, (_, t) => `d${String(t).padStart(3, '0')}`),
    symbols: Array.from({ length: N }, (_, i) => `S${i}`),
    sectorNames: ['a', 'b', 'c', 'd'],
    sectorOf: Int32Array.from({ length: N }, (_, i) => i % 4),
    returns,
    marketCap,
    bookPrice,
    cashFlowPrice,
  };
}

const OPTIONS: FactorModelOptions = {
  ...DEFAULT_FACTOR_MODEL,
  momentum: { window: 20, halfLife: 5, lag: 2 },
  returnsWinsor: null,
  mode: 'joint',
};

describe('factor model over a panel', () => {
  it('recovers factor returns planted in a date built from the model exposures (1e-10)', () => {
    const panel = syntheticPanel();
    const t = 45;
    // Exposures on date t do not depend on that date's returns (momentum is lagged), so read them,
    // then rebuild the returns of date t exactly from known factor returns.
    const [before] = estimateFactorModel(panel, OPTIONS, { from: t, keepExposures: true });
    const exposures = before!.exposures!;
    const f = { market: 0.004, sectors: [0.01, -0.002, -0.005, -0.003], styles: [0.0015, -0.002, 0.0008] };
    const N = panel.symbols.length;
    for (let i = 0; i < N; i++)
      panel.returns[t * N + i] =
        f.market +
        f.sectors[panel.sectorOf[i]!]! +
        f.styles.reduce((a, g, s) => a + g * exposures[s]![i]!, 0);
    const [after] = estimateFactorModel(panel, OPTIONS, { from: t, keepExposures: true });
    expect(after!.exposures).toEqual(exposures);
    expect(Math.abs(after!.market - f.market)).toBeLessThan(1e-10);
    f.sectors.forEach((g, j) => {
      expect(Math.abs(after!.sectors[j]! - g)).toBeLessThan(1e-10);
    });
    f.styles.forEach((g, s) => {
      expect(Math.abs(after!.styles[s]! - g)).toBeLessThan(1e-10);
    });
    expect(after!.rSquared).toBeCloseTo(1, 12);
  });

  it('estimates every date with enough assets; momentum is NaN until its window and lag have passed', () => {
    const panel = syntheticPanel(30, 12);
    const N = 12;
    for (let i = 0; i < N; i++) panel.returns[5 * N + i] = Number.NaN; // date 5: no returns
    const estimates = estimateFactorModel(panel, OPTIONS);
    expect(estimates.map((e) => e.index)).toEqual([...Array(30).keys()].filter((t) => t !== 5));
    // Momentum needs returns 0..19 ending at t - 2; date 5's gap keeps it NaN through t = 5 + 19 + 2 = 26.
    for (const e of estimates) expect(Number.isNaN(e.styles[0]!)).toBe(e.index <= 26);
    for (const e of estimates) {
      expect(Math.abs(e.sectors.reduce((a, b) => a + b, 0))).toBeLessThan(1e-15);
      expect(Number.isFinite(e.styles[1]!) && Number.isFinite(e.styles[2]!)).toBe(true);
    }
  });

  it('leaves assets without a cap out of the cross-section (NaN residual)', () => {
    const panel = syntheticPanel(10, 12);
    panel.marketCap[3 * 12 + 4] = Number.NaN;
    const estimates = estimateFactorModel(panel, OPTIONS);
    expect(estimates[3]!.assets).toBe(11);
    expect(estimates[3]!.residuals[4]).toBeNaN();
    expect(estimates[2]!.assets).toBe(12);
  });

  it('refuses bad options and mis-shaped panels', () => {
    const panel = syntheticPanel(5, 4);
    expect(() => estimateFactorModel(panel, { ...OPTIONS, returnsWinsor: 0.7 })).toThrow('returnsWinsor');
    expect(() => estimateFactorModel({ ...panel, marketCap: new Float64Array(3) })).toThrow('marketCap');
  });
});
