/** `nautilus factors returns --input panel.csv`: Toraniko factor returns per date from a long panel CSV. */

import type { RegressionMode } from '../../signals/factor-model/cross-section-regression.ts';
import {
  type DateEstimate,
  DEFAULT_FACTOR_MODEL,
  estimateFactorModel,
  type FactorModelOptions,
} from '../../signals/factor-model/estimate.ts';
import { factorNames, factorReturnsOf } from '../../signals/factor-model/factor-names.ts';
import { compute, fmt, numberOption, oneOf, toJson, usage } from '../analytics/shared.ts';
import { renderTable } from '../table.ts';
import { readPanelCsv } from './panel-csv.ts';

export interface FactorsReturnsFlags {
  input: string;
  mode?: string;
  momentumWindow?: string;
  halfLife?: string;
  lag?: string;
  sizeQuantiles?: string;
  returnsWinsor?: string;
  minAssets?: string;
  json?: boolean;
}

const MODES: readonly RegressionMode[] = ['two-stage', 'joint'];

/** The model options from the flags; each defaults to Toraniko's value (see DEFAULT_FACTOR_MODEL). */
export function modelOptions(flags: FactorsReturnsFlags): FactorModelOptions {
  const d = DEFAULT_FACTOR_MODEL;
  const int = (option: string, text: string | undefined, fallback: number) =>
    numberOption(option, text, { integer: true, min: 1 }) ?? fallback;
  return {
    ...d,
    mode: flags.mode === undefined ? d.mode : oneOf('--mode', flags.mode, MODES, 'mode'),
    momentum: {
      window: int('--momentum-window', flags.momentumWindow, d.momentum.window),
      halfLife: numberOption('--half-life', flags.halfLife, { above: 0 }) ?? d.momentum.halfLife,
      lag: int('--lag', flags.lag, d.momentum.lag),
    },
    sizeQuantiles: sizeQuantiles(flags.sizeQuantiles) ?? d.sizeQuantiles,
    returnsWinsor:
      flags.returnsWinsor === 'none'
        ? null
        : (numberOption('--returns-winsor', flags.returnsWinsor, { min: 0, below: 0.5 }) ?? d.returnsWinsor),
    minAssets: int('--min-assets', flags.minAssets, d.minAssets),
  };
}

function sizeQuantiles(text: string | undefined): FactorModelOptions['sizeQuantiles'] | undefined {
  if (text === undefined) return undefined;
  if (text === 'none') return null;
  const parts = text.split(',');
  if (parts.length !== 2)
    throw usage(`--size-quantiles: expected lower,upper such as 0.3,0.7 or none, got ${text}`);
  const lower = numberOption('--size-quantiles lower', parts[0], { min: 0, max: 1 })!;
  const upper = numberOption('--size-quantiles upper', parts[1], { min: 0, max: 1 })!;
  if (lower > upper) throw usage(`--size-quantiles: lower ${lower} is above upper ${upper}`);
  return { lower, upper };
}

export function factorsReturnsCommand(
  flags: FactorsReturnsFlags,
  io: { out: (text: string) => void; err: (text: string) => void },
): number {
  const options = modelOptions(flags);
  const panel = readPanelCsv(flags.input);
  const estimates = compute(flags.input, () => estimateFactorModel(panel, options));
  const names = factorNames(panel.sectorNames);
  const estimated = new Set(estimates.map((e) => e.index));
  const skipped = panel.dates.filter((_, t) => !estimated.has(t));
  const summary = summarise(names, estimates);
  if (flags.json) {
    io.out(
      `${toJson({
        input: flags.input,
        options,
        symbols: panel.symbols.length,
        factors: names,
        dates: estimates.map((e) => ({
          date: e.date,
          assets: e.assets,
          rSquared: e.rSquared,
          returns: Object.fromEntries(names.map((name, k) => [name, factorReturnsOf(e)[k]])),
        })),
        skipped,
        summary,
      })}\n`,
    );
    return 0;
  }
  const perDate = estimates.map((e) => [
    e.date,
    String(e.assets),
    fmt(e.rSquared, 4),
    ...factorReturnsOf(e).map((f) => fmt(f)),
  ]);
  io.out(`${renderTable(['date', 'assets', 'r2', ...names], perDate)}\n\n`);
  const rows = names.map((name) => {
    const s = summary[name]!;
    return [name, String(s.observations), fmt(s.mean), fmt(s.stdev), fmt(s.tStat, 2), fmt(s.cumulative)];
  });
  io.out(`${renderTable(['factor', 'dates', 'mean', 'stdev', 't-stat', 'sum'], rows)}\n`);
  io.out(
    `${panel.symbols.length} symbols, ${panel.sectorNames.length} sectors, ${estimates.length} dates estimated` +
      `${skipped.length > 0 ? `, ${skipped.length} skipped (fewer than ${options.minAssets} assets)` : ''}; mode ${options.mode}\n`,
  );
  return 0;
}

export interface FactorSummary {
  observations: number;
  mean: number;
  stdev: number;
  /** mean / (stdev / sqrt(observations)). */
  tStat: number;
  cumulative: number;
}

/** Per factor, over the dates where it was estimable. */
export function summarise(
  names: readonly string[],
  estimates: readonly DateEstimate[],
): Record<string, FactorSummary> {
  return Object.fromEntries(
    names.map((name, k) => {
      const xs = estimates.map((e) => factorReturnsOf(e)[k]!).filter(Number.isFinite);
      const n = xs.length;
      const mean = n > 0 ? xs.reduce((a, b) => a + b, 0) / n : Number.NaN;
      const stdev = n > 1 ? Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1)) : Number.NaN;
      return [
        name,
        {
          observations: n,
          mean,
          stdev,
          tStat: mean / (stdev / Math.sqrt(n)),
          cumulative: xs.reduce((a, b) => a + b, 0),
        },
      ];
    }),
  );
}
