import { basename } from 'node:path';
import { SingleBar } from 'cli-progress';
import { NautilusError } from '../core/errors.ts';
import { nsToIso } from '../domain/time.ts';
import { type BacktestRun, runBacktest } from '../engines/backtesting/backtest-runner.ts';
import { stableJson } from '../engines/backtesting/backtest-spec.ts';
import { parseGrid, parseParams } from '../engines/backtesting/param-grid.ts';
import { specDefaults } from '../engines/backtesting/spec-defaults.ts';
import { writeBacktestReport } from '../reports/write-report.ts';
import { strategyNames } from '../trading/strategy/strategies/registry.ts';
import { sweepBacktests } from './backtest-sweep.ts';
import { countRows } from './data/import-files.ts';
import { renderTable } from './table.ts';

export interface BacktestFlags {
  strategy: string;
  data: string[];
  param: string[];
  symbol?: string;
  barSpec?: string;
  capital: string;
  json?: boolean;
  report?: string;
  sweep: string[];
  workers?: string;
  objective?: string;
  walkForward?: string;
}

/** The deterministic result: same data, config and params give the same bytes. */
export function resultJson(flags: BacktestFlags, params: Record<string, unknown>, run: BacktestRun): string {
  const days = new Map<bigint, number>();
  for (const point of run.equity) days.set(point.tsNs / 86_400_000_000_000n, point.equity);
  return stableJson({
    strategy: flags.strategy,
    params,
    dataFiles: flags.data,
    start: nsToIso(run.startNs),
    end: nsToIso(run.endNs),
    records: run.records,
    orders: run.orders,
    metrics: run.metrics.metrics,
    trades: run.metrics.trades,
    dailyEquity: [...days.values()],
    handlerFailures: run.handlerFailures,
  });
}

/**
 * `nautilus backtest`: replays the files through risk, execution (simulated venue), portfolio and
 * the strategy on a test clock; prints a summary (or JSON) and optionally writes an HTML report.
 */
export async function backtestCommand(
  flags: BacktestFlags,
  io: { out: (text: string) => void; err: (text: string) => void; tty: boolean },
): Promise<number> {
  if (!strategyNames().includes(flags.strategy))
    throw new NautilusError(
      'BAD_REQUEST',
      `--strategy: unknown strategy ${flags.strategy} (strategies: ${strategyNames().join(', ')})`,
    );
  if (flags.data.length === 0)
    throw new NautilusError('BAD_REQUEST', '--data: give at least one CSV or Parquet file');
  const capital = Number(flags.capital);
  if (!(capital > 0))
    throw new NautilusError('BAD_REQUEST', `--capital: expected a positive amount, got ${flags.capital}`);
  const fixed = parseParams(flags.param);
  const { params, barSpec } = specDefaults({ ...flags, dataFiles: flags.data, params: fixed });
  if (flags.sweep.length > 0) {
    for (const { name } of parseGrid(flags.sweep))
      if (name in fixed) throw new NautilusError('BAD_REQUEST', `--sweep ${name}: also given by --param`);
    if (flags.report)
      throw new NautilusError('BAD_REQUEST', '--report: not with --sweep (one run per report)');
    const base = {
      strategy: flags.strategy,
      params,
      dataFiles: flags.data,
      symbol: flags.symbol,
      barSpec,
      capital,
    };
    return sweepBacktests(flags, base, io);
  }
  if (flags.walkForward !== undefined)
    throw new NautilusError('BAD_REQUEST', '--walk-forward: give the grid to optimise with --sweep');
  let total = 0;
  for (const file of flags.data) total += await countRows(file);
  const bar = io.tty
    ? new SingleBar({
        format: ' backtest [{bar}] {percentage}% | {value}/{total} records | {date}',
        stream: process.stderr,
      })
    : undefined;
  bar?.start(total, 0, { date: '' });
  const started = Date.now();
  const run = await runBacktest({
    dataFiles: flags.data,
    symbol: flags.symbol,
    startingCapital: capital,
    engineConfig: {
      strategy: { strategies: [{ name: flags.strategy, params }], barSpec },
      portfolio: { startingCapital: capital },
    },
    onProgress: (records, eventNs) => {
      if (bar) bar.update(records, { date: nsToIso(eventNs).slice(0, 10) });
      else if (records % 100_000 === 0 || records === total)
        io.err(`backtest: ${records}/${total} records (${nsToIso(eventNs).slice(0, 10)})\n`);
    },
  }).finally(() => bar?.stop());
  const seconds = (Date.now() - started) / 1000;
  const { metrics, trades } = run.metrics;
  if (flags.json) io.out(`${resultJson(flags, params, run)}\n`);
  else {
    const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(2)}%` : 'n/a');
    const num = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');
    const rows: string[][] = [
      ['strategy', `${flags.strategy} ${JSON.stringify(params)}`],
      ['data', flags.data.map((file) => basename(file)).join(', ')],
      ['period', `${nsToIso(run.startNs)} .. ${nsToIso(run.endNs)}`],
      [
        'records',
        `${run.records.toLocaleString('en-US')} in ${seconds.toFixed(1)} s (${Math.round(run.records / seconds).toLocaleString('en-US')}/s)`,
      ],
      [
        'orders',
        `${run.orders.submitted} submitted, ${run.orders.rejected} rejected, ${run.orders.fills} fills`,
      ],
      [
        'equity',
        `${num(metrics.startingEquity)} -> ${num(metrics.finalEquity)} (${pct(metrics.totalReturn)})`,
      ],
      ['sharpe / sortino', `${num(metrics.sharpe)} / ${num(metrics.sortino)}`],
      ['max drawdown', pct(metrics.maxDrawdown)],
      [
        'round trips',
        `${trades.count}, win rate ${pct(trades.winRate)}, profit factor ${num(trades.profitFactor)}`,
      ],
    ];
    io.out(`${renderTable(['', ''], rows)}\n`);
  }
  if (run.handlerFailures > 0)
    io.err(`warning: ${run.handlerFailures} handler failure(s) during the run (see the log)\n`);
  if (flags.report) {
    const bytes = await writeBacktestReport(flags.report, {
      title: `${flags.strategy} on ${flags.data.map((file) => basename(file)).join(', ')}`,
      strategy: flags.strategy,
      params,
      dataFiles: flags.data,
      startNs: run.startNs,
      endNs: run.endNs,
      baseCurrency: 'USD',
      equity: run.equity,
      prices: [...run.closes].map(([name, points]) => ({ symbol: name, points })),
      fills: run.fills.map((fill) => ({ ...fill, orderId: fill.orderId ?? '' })),
      metrics: [
        { name: 'Total return', value: metrics.totalReturn, format: 'pct' },
        { name: 'Annual return', value: metrics.annualReturn, format: 'pct' },
        { name: 'Annual volatility', value: metrics.annualVolatility, format: 'pct' },
        { name: 'Sharpe', value: metrics.sharpe, format: 'ratio' },
        { name: 'Sortino', value: metrics.sortino, format: 'ratio' },
        { name: 'Max drawdown', value: metrics.maxDrawdown, format: 'pct' },
        { name: 'Calmar', value: metrics.calmar, format: 'ratio' },
        { name: 'Final equity', value: metrics.finalEquity, format: 'money' },
      ],
      tradeStats: Object.fromEntries(
        Object.entries(trades).filter(([, value]) => typeof value === 'number'),
      ) as Record<string, number>,
      events: run.records,
      durationMs: Math.round(seconds * 1000),
    });
    io.err(`report: ${flags.report} (${bytes.toLocaleString('en-US')} bytes)\n`);
  }
  return 0;
}
