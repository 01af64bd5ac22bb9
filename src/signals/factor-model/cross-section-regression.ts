/**
 * One date's factor returns (Toraniko `factor_returns_cs`): r = 1 f_market + D f_sector + S f_style + e,
 * weighted by sqrt(market cap), with the sector returns constrained to sum to zero.
 *
 * The market column equals the sum of the sector dummies, so the unconstrained problem is rank
 * deficient. Toraniko's change of variables f = R g, R = [I; a], a = (0, -1, ..., -1), makes the
 * last sector's return minus the sum of the others: the design B R has columns 1 (market) and
 * D_j - D_last (every other sector j), a full-rank problem in g whose solution satisfies the
 * constraint exactly. Sectors with no asset on the date are left out (their return is NaN) and the
 * constraint is over the sectors present.
 */
import { residualsOf, weightedLeastSquares } from './wls.ts';

/**
 * two-stage (Toraniko's default, `residualize_styles=True`): market + sectors first, then the styles
 * on the sector residuals. joint: one WLS on market + sectors + styles.
 */
export type RegressionMode = 'two-stage' | 'joint';

export interface CrossSectionInput {
  returns: ArrayLike<number>;
  /** Regression weights, sqrt(market cap) in the model. */
  weights: ArrayLike<number>;
  /** Sector index of each asset, 0 .. sectors - 1. */
  sector: ArrayLike<number>;
  sectors: number;
  /** One exposure column per style (finite values). */
  styles: readonly ArrayLike<number>[];
  mode: RegressionMode;
}

export interface CrossSectionResult {
  market: number;
  /** Per sector; NaN for a sector with no asset on the date. */
  sectors: Float64Array;
  /** Per style; NaN for a style whose exposures are all 0 (nothing to estimate it from). */
  styles: Float64Array;
  residuals: Float64Array;
}

export function crossSectionRegression(input: CrossSectionInput): CrossSectionResult {
  const { returns, weights, sector, styles, mode } = input;
  const n = returns.length;
  const counts = new Int32Array(input.sectors);
  for (let i = 0; i < n; i++) counts[sector[i]!]!++;
  const present = [...counts.keys()].filter((j) => counts[j]! > 0);
  if (present.length === 0) throw new RangeError('cross-section has no assets');
  const last = present.at(-1)!;
  const sectorColumn = new Int32Array(input.sectors).fill(-1);
  present.slice(0, -1).forEach((j, c) => {
    sectorColumn[j] = 1 + c;
  });
  const usableStyles = [...styles.keys()].filter((s) => {
    for (let i = 0; i < n; i++) if (styles[s]![i] !== 0) return true;
    return false;
  });
  const kSector = present.length;
  const kStyle = usableStyles.length;

  const design = (withSectors: boolean, withStyles: boolean) => {
    const k = (withSectors ? kSector : 0) + (withStyles ? kStyle : 0);
    const x = new Float64Array(n * k);
    for (let i = 0; i < n; i++) {
      const row = i * k;
      if (withSectors) {
        x[row] = 1;
        const column = sectorColumn[sector[i]!]!;
        if (column > 0) x[row + column] = 1;
        else for (let c = 1; c < kSector; c++) x[row + c] = -1; // the last sector carries minus the others
      }
      const offset = withSectors ? kSector : 0;
      if (withStyles) for (let s = 0; s < kStyle; s++) x[row + offset + s] = styles[usableStyles[s]!]![i]!;
    }
    return { x, k };
  };

  let g: Float64Array;
  let h: Float64Array;
  let residuals: Float64Array;
  if (mode === 'joint') {
    const { x, k } = design(true, true);
    const beta = weightedLeastSquares(x, n, k, returns, weights);
    residuals = residualsOf(x, n, k, returns, beta);
    g = beta.subarray(0, kSector);
    h = beta.subarray(kSector);
  } else {
    const stage1 = design(true, false);
    g = weightedLeastSquares(stage1.x, n, stage1.k, returns, weights);
    const sectorResiduals = residualsOf(stage1.x, n, stage1.k, returns, g);
    const stage2 = design(false, true);
    h =
      kStyle > 0 ? weightedLeastSquares(stage2.x, n, kStyle, sectorResiduals, weights) : new Float64Array(0);
    residuals = residualsOf(stage2.x, n, kStyle, sectorResiduals, h);
  }

  const sectorReturns = new Float64Array(input.sectors).fill(Number.NaN);
  let others = 0;
  for (const j of present)
    if (j !== last) {
      sectorReturns[j] = g[sectorColumn[j]!]!;
      others += sectorReturns[j]!;
    }
  sectorReturns[last] = -others;
  const styleReturns = new Float64Array(styles.length).fill(Number.NaN);
  usableStyles.forEach((s, c) => {
    styleReturns[s] = h[c]!;
  });
  return { market: g[0]!, sectors: sectorReturns, styles: styleReturns, residuals };
}
