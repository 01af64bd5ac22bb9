/**
 * The factor model over a panel (Toraniko `estimate_factor_returns` with its style factors): per
 * date, the cross-section of assets with a return and a market cap, their style exposures, and one
 * constrained WLS giving market, sector and style returns plus each asset's residual return.
 */
import { fillMissing, standardize, winsorize } from './cross-section.ts';
import { crossSectionRegression, type RegressionMode } from './cross-section-regression.ts';
import { checkMomentumOptions, type MomentumOptions, momentumScores, TORANIKO_MOMENTUM } from './momentum.ts';
import { checkPanel, type FactorPanel, pick, rowOf } from './panel.ts';
import { type SizeQuantiles, sizeExposures, valueExposures } from './size-value.ts';

export const STYLE_FACTORS = ['momentum', 'size', 'value'] as const;
export type StyleFactor = (typeof STYLE_FACTORS)[number];

export interface FactorModelOptions {
  mode: RegressionMode;
  momentum: MomentumOptions;
  /** Winsorisation of raw momentum before standardising (Toraniko 0.01; null: none). */
  momentumWinsor: number | null;
  /** Middle size exposures zeroed between these quantiles of log cap (null: keep all, Toraniko's default). */
  sizeQuantiles: SizeQuantiles | null;
  /** Winsorisation of each value ratio (Toraniko 0.05; null: none). */
  valueWinsor: number | null;
  /** Winsorisation of each date's asset returns before the regression (Toraniko 0.05; null: none). */
  returnsWinsor: number | null;
  /** Dates with fewer assets (a return and a cap > 0) are skipped. */
  minAssets: number;
}

export const DEFAULT_FACTOR_MODEL: FactorModelOptions = {
  mode: 'two-stage',
  momentum: TORANIKO_MOMENTUM,
  momentumWinsor: 0.01,
  sizeQuantiles: { lower: 0.3, upper: 0.7 },
  valueWinsor: 0.05,
  returnsWinsor: 0.05,
  minAssets: 3,
};

export interface DateEstimate {
  date: string;
  /** Row of the date in the panel. */
  index: number;
  /** Assets in the cross-section. */
  assets: number;
  market: number;
  /** Per panel sector; NaN for a sector with no asset on the date. */
  sectors: Float64Array;
  /** Per STYLE_FACTORS; NaN when a style has no non-zero exposure (e.g. momentum still warming up). */
  styles: Float64Array;
  /** Per panel symbol; NaN for an asset not in the cross-section. */
  residuals: Float64Array;
  /** 1 - weighted residual sum of squares / weighted total sum of squares of the (winsorised) returns. */
  rSquared: number;
  /** Per STYLE_FACTORS, per panel symbol (NaN outside the cross-section); only with `keepExposures`. */
  exposures?: Float64Array[];
}

export interface EstimateRange {
  /** First date row to estimate (earlier rows still feed momentum). Default 0. */
  from?: number;
  keepExposures?: boolean;
}

export function checkModelOptions(options: FactorModelOptions): void {
  checkMomentumOptions(options.momentum);
  for (const [name, p] of [
    ['momentumWinsor', options.momentumWinsor],
    ['valueWinsor', options.valueWinsor],
    ['returnsWinsor', options.returnsWinsor],
  ] as const)
    if (p !== null && !(p >= 0 && p < 0.5)) throw new RangeError(`${name} must be in [0, 0.5)`);
  const q = options.sizeQuantiles;
  if (q && !(q.lower >= 0 && q.lower <= q.upper && q.upper <= 1))
    throw new RangeError('size quantiles must satisfy 0 <= lower <= upper <= 1');
  if (!Number.isInteger(options.minAssets) || options.minAssets < 1)
    throw new RangeError('minAssets must be an integer >= 1');
}

export function estimateFactorModel(
  panel: FactorPanel,
  options: FactorModelOptions = DEFAULT_FACTOR_MODEL,
  range: EstimateRange = {},
): DateEstimate[] {
  checkPanel(panel);
  checkModelOptions(options);
  const T = panel.dates.length;
  const N = panel.symbols.length;
  const momentum = momentumScores(panel.returns, T, N, options.momentum);
  const estimates: DateEstimate[] = [];
  for (let t = range.from ?? 0; t < T; t++) {
    const estimate = estimateDate(panel, options, momentum, t, range.keepExposures ?? false);
    if (estimate) estimates.push(estimate);
  }
  return estimates;
}

function estimateDate(
  panel: FactorPanel,
  options: FactorModelOptions,
  momentum: Float64Array,
  t: number,
  keepExposures: boolean,
): DateEstimate | undefined {
  const N = panel.symbols.length;
  const returnRow = rowOf(panel.returns, t, N);
  const capRow = rowOf(panel.marketCap, t, N);
  const chosen: number[] = [];
  for (let i = 0; i < N; i++) if (Number.isFinite(returnRow[i]!) && capRow[i]! > 0) chosen.push(i);
  if (chosen.length < options.minAssets) return undefined;
  const members = Int32Array.from(chosen);
  const n = members.length;
  const caps = pick(capRow, members);
  const weights = caps.map(Math.sqrt);
  const rawReturns = pick(returnRow, members);
  const returns = options.returnsWinsor === null ? rawReturns : winsorize(rawReturns, options.returnsWinsor);
  const rawMomentum = pick(rowOf(momentum, t, N), members);
  const styles = [
    fillMissing(
      standardize(
        options.momentumWinsor === null ? rawMomentum : winsorize(rawMomentum, options.momentumWinsor),
      ),
    ),
    fillMissing(sizeExposures(caps, options.sizeQuantiles)),
    fillMissing(
      valueExposures(
        {
          bookPrice: panel.bookPrice && pick(rowOf(panel.bookPrice, t, N), members),
          salesPrice: panel.salesPrice && pick(rowOf(panel.salesPrice, t, N), members),
          cashFlowPrice: panel.cashFlowPrice && pick(rowOf(panel.cashFlowPrice, t, N), members),
        },
        n,
        options.valueWinsor,
      ),
    ),
  ];
  const result = crossSectionRegression({
    returns,
    weights,
    sector: pick(panel.sectorOf, members),
    sectors: panel.sectorNames.length,
    styles,
    mode: options.mode,
  });
  const scatter = (values: Float64Array) => {
    const out = new Float64Array(N).fill(Number.NaN);
    for (let m = 0; m < n; m++) out[members[m]!] = values[m]!;
    return out;
  };
  return {
    date: panel.dates[t]!,
    index: t,
    assets: n,
    market: result.market,
    sectors: result.sectors,
    styles: result.styles,
    residuals: scatter(result.residuals),
    rSquared: weightedRSquared(returns, result.residuals, weights),
    ...(keepExposures ? { exposures: styles.map(scatter) } : {}),
  };
}

function weightedRSquared(y: Float64Array, residuals: Float64Array, w: Float64Array): number {
  let sw = 0;
  let swy = 0;
  for (let i = 0; i < y.length; i++) {
    sw += w[i]!;
    swy += w[i]! * y[i]!;
  }
  const mean = swy / sw;
  let total = 0;
  let unexplained = 0;
  for (let i = 0; i < y.length; i++) {
    total += w[i]! * (y[i]! - mean) ** 2;
    unexplained += w[i]! * residuals[i]! ** 2;
  }
  return total > 0 ? 1 - unexplained / total : Number.NaN;
}
