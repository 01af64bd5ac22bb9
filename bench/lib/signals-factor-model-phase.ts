/**
 * Factor model phase: seconds to estimate the Toraniko model (momentum, size, value exposures and
 * the constrained two-stage WLS per date) on a synthetic deterministic panel of 3,000 assets x
 * 1,000 dates in 11 sectors with all three value ratios. Baseline, same run: one unconstrained,
 * unweighted OLS per date on the same exposures (sector dummies + the three styles), i.e. the bare
 * regression without style construction, winsorisation, weights or the sector constraint.
 */
import { DEFAULT_FACTOR_MODEL, estimateFactorModel } from '../../src/signals/factor-model/estimate.ts';
import type { FactorPanel } from '../../src/signals/factor-model/panel.ts';
import { residualsOf, weightedLeastSquares } from '../../src/signals/factor-model/wls.ts';
import { progress, type Row } from './report.ts';

const SECTORS = 11;

function syntheticPanel(T: number, N: number): FactorPanel {
  let seed = 20_240_102;
  const next = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const size = T * N;
  const returns = new Float64Array(size);
  const marketCap = new Float64Array(size);
  const bookPrice = new Float64Array(size);
  const salesPrice = new Float64Array(size);
  const cashFlowPrice = new Float64Array(size);
  const baseCap = Float64Array.from({ length: N }, () => 10 ** (8 + 4 * next()));
  for (let t = 0; t < T; t++) {
    const market = (next() - 0.5) * 0.02;
    for (let i = 0; i < N; i++) {
      const k = t * N + i;
      returns[k] = market + (next() - 0.5) * 0.04;
      marketCap[k] = baseCap[i]! * (1 + 0.2 * next());
      bookPrice[k] = 0.1 + next();
      salesPrice[k] = 0.2 + 2 * next();
      cashFlowPrice[k] = next() * 0.15 - 0.03;
    }
  }
  return {
    dates: Array.from({ length: T }, (_, t) => `d${t}`),
    symbols: Array.from({ length: N }, (_, i) => `S${i}`),
    sectorNames: Array.from({ length: SECTORS }, (_, j) => `sector${j}`),
    sectorOf: Int32Array.from({ length: N }, (_, i) => i % SECTORS),
    returns,
    marketCap,
    bookPrice,
    salesPrice,
    cashFlowPrice,
  };
}

const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;

/** One plain OLS per date: full sector dummies (no market column, so full rank) plus the styles. */
function olsPerDate(panel: FactorPanel, exposures: Float64Array[][], T: number, N: number): number {
  const ones = new Float64Array(N).fill(1);
  let check = 0;
  for (let t = 0; t < T; t++) {
    // As the model does, a style with no exposure yet (momentum warming up) is left out.
    const styles = exposures[t]!.filter((column) => column.some((v) => v !== 0));
    const k = SECTORS + styles.length;
    const x = new Float64Array(N * k);
    for (let i = 0; i < N; i++) {
      x[i * k + panel.sectorOf[i]!] = 1;
      styles.forEach((column, s) => {
        x[i * k + SECTORS + s] = column[i]!;
      });
    }
    const y = panel.returns.subarray(t * N, (t + 1) * N);
    const beta = weightedLeastSquares(x, N, k, y, ones);
    check += residualsOf(x, N, k, y, beta)[0]!;
  }
  return check;
}

export async function runFactorModelPhase(
  quick: boolean,
): Promise<{ rows: Row[]; json: Record<string, number> }> {
  const N = quick ? 500 : 3_000;
  const T = quick ? 200 : 1_000;
  progress(`factor model: synthetic panel ${N} assets x ${T} dates`);
  const panel = syntheticPanel(T, N);
  const options = quick
    ? { ...DEFAULT_FACTOR_MODEL, momentum: { window: 60, halfLife: 20, lag: 5 } }
    : DEFAULT_FACTOR_MODEL;
  const started = process.hrtime.bigint();
  const estimates = estimateFactorModel(panel, options);
  const modelSeconds = seconds(started);
  if (estimates.length !== T) throw new Error(`factor model estimated ${estimates.length} of ${T} dates`);
  const exposures = estimateFactorModel(panel, options, { keepExposures: true }).map((e) => e.exposures!);
  progress('factor model: baseline OLS per date');
  const baselineStarted = process.hrtime.bigint();
  if (!Number.isFinite(olsPerDate(panel, exposures, T, N))) throw new Error('baseline OLS diverged');
  const baselineSeconds = seconds(baselineStarted);
  return {
    rows: [
      {
        metric: `factor model, ${N.toLocaleString('en-US')} assets x ${T.toLocaleString('en-US')} dates`,
        value: `${modelSeconds.toFixed(3)} s`,
        baseline: `${baselineSeconds.toFixed(3)} s (OLS per date)`,
        ratio: `${(modelSeconds / baselineSeconds).toFixed(2)}x`,
        target: '',
        verdict: '',
      },
    ],
    json: { factor_model_s: Number(modelSeconds.toFixed(4)) },
  };
}
