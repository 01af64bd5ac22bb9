import { ANNUALIZATION_FACTORS, inputsFromPrices } from '../../analytics/index.ts';
import { OPTIMISATION_METHODS, OPTIMISERS } from '../../analytics/optimisation/optimisers.ts';
import { renderTable } from '../table.ts';
import { fileError, findColumn, readCsv, widePrices } from './csv.ts';
import { compute, fmt, numberOption, oneOf, pct, periodOption, toJson } from './shared.ts';

export interface OptimizeFlags {
  method: string;
  prices: string;
  assets?: string;
  period?: string;
  riskFree?: string;
  json?: boolean;
}

/**
 * `nautilus optimize --method <m> --prices <csv>`: long-only, fully invested weights from a wide
 * price file (date, then one column per asset; blank leading prices allowed). Means and covariance
 * come from the common window where every asset has a return (inputsFromPrices).
 */
export function optimizeCommand(flags: OptimizeFlags, io: { out: (text: string) => void }): number {
  const method = oneOf('--method', flags.method, OPTIMISATION_METHODS, 'method');
  const period = periodOption(flags.period);
  const periodsPerYear = ANNUALIZATION_FACTORS[period];
  const riskFree = numberOption('--risk-free', flags.riskFree, { above: -1 }) ?? 0;
  const table = readCsv(flags.prices, { requireHeader: true });
  const columns =
    flags.assets === undefined
      ? table.columns.map((_, i) => i).slice(1)
      : flags.assets
          .split(',')
          .filter((name) => name.trim() !== '')
          .map((name) => findColumn(table, name, '--assets'));
  if (new Set(columns).size !== columns.length)
    throw fileError(table.file, '--assets: an asset is listed twice');
  if (columns.length < 2) throw fileError(table.file, `need at least 2 assets, got ${columns.length}`);
  const assets = columns.map((c) => table.columns[c]!);
  const prices = widePrices(table, columns);
  const inputs = compute(flags.prices, () => inputsFromPrices(assets, prices));
  const result = compute(flags.prices, () => OPTIMISERS[method](inputs, { riskFree, periodsPerYear }));
  const weights = Object.entries(result.weights)
    .map(([asset, weight]) => ({ asset, weight }))
    .sort((a, b) => b.weight - a.weight || a.asset.localeCompare(b.asset));
  const start = table.rows[inputs.firstRow]!.cells[0]!;
  const end = table.rows.at(-1)!.cells[0]!;
  const summary = {
    method,
    prices: flags.prices,
    period,
    riskFree,
    observations: inputs.observations,
    start,
    end,
    weights,
    expectedReturn: result.expectedReturn,
    volatility: result.volatility,
    sharpe: result.sharpe,
  };
  if (flags.json) {
    io.out(`${toJson(summary)}\n`);
    return 0;
  }
  io.out(
    `${method}: ${assets.length} assets, ${inputs.observations} ${period} returns from ${start} to ${end} ` +
      '(the window where every asset has prices)\n',
  );
  io.out(
    `${renderTable(
      ['ASSET', 'WEIGHT', '%'],
      weights.map((w) => [w.asset, fmt(w.weight), pct(w.weight)]),
    )}\n`,
  );
  io.out(
    `\n${renderTable(
      ['ANNUALISED', 'VALUE'],
      [
        ['expected return', fmt(result.expectedReturn)],
        ['volatility', fmt(result.volatility)],
        [`Sharpe (risk-free ${riskFree})`, fmt(result.sharpe)],
      ],
    )}\n`,
  );
  return 0;
}
