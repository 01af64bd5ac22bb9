import {
  alphaBeta,
  annualizationFactor,
  annualReturn,
  annualVolatility,
  calmarRatio,
  conditionalValueAtRisk,
  cumReturnsFinal,
  maxDrawdown,
  omegaRatio,
  type Period,
  rollingBeta,
  rollingSharpe,
  rollingVolatility,
  sharpeRatio,
  sortinoRatio,
  stability,
  tailRatio,
  valueAtRisk,
} from '../../analytics/index.ts';
import { renderTable } from '../table.ts';
import {
  type CsvTable,
  fileError,
  findColumn,
  readCsv,
  returnsColumn,
  returnsFromPricesColumn,
} from './csv.ts';
import { compute, fmt, numberOption, periodOption, toJson } from './shared.ts';

export interface AnalyzeReturnsFlags {
  input: string;
  column?: string;
  benchmark?: string;
  fromPrices?: boolean;
  period?: string;
  riskFree?: string;
  rolling?: string;
  json?: boolean;
}

export interface ReturnMetrics {
  cumulativeReturn: number;
  annualReturn: number;
  annualVolatility: number;
  sharpe: number;
  sortino: number;
  maxDrawdown: number;
  calmar: number;
  alpha?: number;
  beta?: number;
  tailRatio: number;
  valueAtRisk: number;
  conditionalValueAtRisk: number;
  stability: number;
  omega: number;
}

const LABELS: Record<keyof ReturnMetrics, string> = {
  cumulativeReturn: 'total (cumulative) return',
  annualReturn: 'annual return (CAGR)',
  annualVolatility: 'annual volatility',
  sharpe: 'Sharpe ratio',
  sortino: 'Sortino ratio',
  maxDrawdown: 'max drawdown',
  calmar: 'Calmar ratio',
  alpha: 'alpha (annual)',
  beta: 'beta',
  tailRatio: 'tail ratio',
  valueAtRisk: 'VaR 95% (per-period return)',
  conditionalValueAtRisk: 'CVaR 95% (per-period return)',
  stability: 'stability (R^2)',
  omega: 'omega ratio',
};

const RETURN_NAMES = ['return', 'returns', 'ret'];
const PRICE_NAMES = ['price', 'prices', 'close', 'adj close', 'adj_close'];

/** The value column: --column, else a conventionally named one, else the only one left. */
function valueColumn(table: CsvTable, flags: AnalyzeReturnsFlags, benchmark: number | undefined): number {
  if (flags.column !== undefined) return findColumn(table, flags.column, '--column');
  const names = flags.fromPrices ? PRICE_NAMES : RETURN_NAMES;
  const named = table.columns.findIndex((c, i) => i > 0 && names.includes(c.toLowerCase()));
  if (named > 0) return named;
  const rest = table.columns.map((_, i) => i).filter((i) => i > 0 && i !== benchmark);
  if (rest.length === 1) return rest[0]!;
  throw fileError(
    table.file,
    `cannot tell which column holds the ${flags.fromPrices ? 'prices' : 'returns'} ` +
      `(columns: ${table.columns.slice(1).join(', ')}); name it "${names[0]}" or pass --column`,
  );
}

/** Every metric of a return series; `riskFree` is annual, converted to rf / periods-per-year. */
export function returnMetrics(
  returns: readonly number[],
  options: { period: Period; riskFree: number; benchmark?: readonly number[] },
): ReturnMetrics {
  const { period, benchmark } = options;
  const factor = annualizationFactor({ period });
  const rf = options.riskFree / factor;
  const metrics: ReturnMetrics = {
    cumulativeReturn: cumReturnsFinal(returns),
    annualReturn: annualReturn(returns, { period }),
    annualVolatility: annualVolatility(returns, { period }),
    sharpe: sharpeRatio(returns, { period, riskFree: rf }),
    sortino: sortinoRatio(returns, { period, requiredReturn: rf }),
    maxDrawdown: maxDrawdown(returns),
    calmar: calmarRatio(returns, { period }),
    tailRatio: tailRatio(returns),
    valueAtRisk: valueAtRisk(returns),
    conditionalValueAtRisk: conditionalValueAtRisk(returns),
    stability: stability(returns),
    omega: omegaRatio(returns, { requiredReturn: options.riskFree, annualization: factor }),
  };
  if (benchmark) {
    const ab = alphaBeta(returns, benchmark, { period, riskFree: rf });
    metrics.alpha = ab.alpha;
    metrics.beta = ab.beta;
  }
  return metrics;
}

/**
 * `nautilus analyze returns --input <csv>`: performance metrics of a return series (date,return
 * columns; or date,price with --from-prices), optionally against a benchmark column and with
 * rolling Sharpe / volatility / beta.
 */
export function analyzeReturnsCommand(
  flags: AnalyzeReturnsFlags,
  io: { out: (text: string) => void; err: (text: string) => void },
): number {
  const period = periodOption(flags.period);
  const riskFree = numberOption('--risk-free', flags.riskFree, { above: -1 }) ?? 0;
  const window = numberOption('--rolling', flags.rolling, { integer: true, min: 2 });
  const table = readCsv(flags.input);
  const benchmarkColumn =
    flags.benchmark === undefined ? undefined : findColumn(table, flags.benchmark, '--benchmark');
  const column = valueColumn(table, flags, benchmarkColumn);
  if (column === benchmarkColumn) throw fileError(table.file, '--benchmark: same column as the returns');
  const series = (c: number) =>
    flags.fromPrices ? returnsFromPricesColumn(table, c) : returnsColumn(table, c);
  const returns = series(column);
  const benchmark = benchmarkColumn === undefined ? undefined : series(benchmarkColumn);
  const dates = table.rows.map((row) => row.cells[0]!).slice(flags.fromPrices ? 1 : 0);
  if (returns.length < 2) throw fileError(table.file, `need at least 2 returns, got ${returns.length}`);
  if (returns.some((r) => Math.abs(r) > 1))
    io.err(
      `nautilus: warning: ${flags.input}: some returns exceed 100% in size; returns are decimals (0.0123 = 1.23%)\n`,
    );
  const metrics = compute(flags.input, () => returnMetrics(returns, { period, riskFree, benchmark }));
  const factor = annualizationFactor({ period });
  const rolling =
    window === undefined
      ? undefined
      : compute(flags.input, () => {
          const sharpe = rollingSharpe(returns, window, { period, riskFree: riskFree / factor });
          const volatility = rollingVolatility(returns, window, { period });
          const beta = benchmark ? rollingBeta(returns, benchmark, window) : undefined;
          return sharpe.map((s, i) => ({
            date: dates[i + window - 1]!,
            sharpe: s,
            volatility: volatility[i]!,
            ...(beta ? { beta: beta[i]! } : {}),
          }));
        });
  const summary = {
    input: flags.input,
    column: table.columns[column]!,
    ...(benchmarkColumn === undefined ? {} : { benchmark: table.columns[benchmarkColumn]! }),
    fromPrices: Boolean(flags.fromPrices),
    period,
    riskFree,
    observations: returns.length,
    start: dates[0]!,
    end: dates.at(-1)!,
  };
  if (flags.json) {
    io.out(
      `${toJson({ ...summary, metrics, ...(rolling ? { rolling: { window, rows: rolling } } : {}) })}\n`,
    );
    return 0;
  }
  io.out(
    `${summary.column}${summary.benchmark ? ` vs ${summary.benchmark}` : ''}: ${summary.observations} ${period} ` +
      `returns, ${summary.start} to ${summary.end}, risk-free ${riskFree} a year\n`,
  );
  const rows = (Object.keys(LABELS) as (keyof ReturnMetrics)[])
    .filter((key) => metrics[key] !== undefined)
    .map((key) => [LABELS[key], fmt(metrics[key])]);
  io.out(`${renderTable(['METRIC', 'VALUE'], rows)}\n`);
  if (rolling) {
    io.out(`\nrolling ${window}-period window (dated by its last observation)\n`);
    const header = ['DATE', 'SHARPE', 'VOLATILITY', ...(benchmark ? ['BETA'] : [])];
    const lines = rolling.map((r) => [
      r.date,
      fmt(r.sharpe),
      fmt(r.volatility),
      ...('beta' in r ? [fmt(r.beta)] : []),
    ]);
    io.out(`${renderTable(header, lines)}\n`);
  }
  return 0;
}
