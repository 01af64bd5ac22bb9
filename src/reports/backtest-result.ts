/** Input of the self-contained HTML backtest report (see render-backtest-report.ts). */
import type { Nanos } from '../domain/time.ts';

/**
 * How a metric value is shown. `pct` takes a fraction (0.1234 -> "12.34%"), `ratio` shows two
 * decimals, `money` two decimals plus the base currency, `int` a rounded integer with separators.
 */
export type MetricFormat = 'pct' | 'ratio' | 'money' | 'int';

export interface ReportMetric {
  name: string;
  value: number | string;
  format?: MetricFormat;
}

export interface EquityPoint {
  tsNs: Nanos;
  /** Account equity in the base currency. */
  equity: number;
}

export interface PricePoint {
  tsNs: Nanos;
  price: number;
}

export interface PriceSeries {
  symbol: string;
  /** Chronological price samples (unsorted input is sorted by the renderer). */
  points: PricePoint[];
}

export type FillSide = 'buy' | 'sell';

export interface ReportFill {
  tsNs: Nanos;
  symbol: string;
  side: FillSide;
  price: number;
  quantity: number;
  orderId: string;
}

export interface BacktestReportInput {
  title: string;
  strategy: string;
  /** Strategy parameters, shown in insertion order; non-string values are shown as JSON. */
  params: Record<string, unknown>;
  dataFiles: string[];
  startNs: Nanos;
  endNs: Nanos;
  baseCurrency: string;
  equity: EquityPoint[];
  prices: PriceSeries[];
  fills: ReportFill[];
  metrics: ReportMetric[];
  /** E.g. the numeric fields of analytics `TradeStats`, shown in insertion order. */
  tradeStats?: Record<string, number>;
  /** Number of events the engine processed. */
  events?: number;
  /** Wall-clock duration of the run in milliseconds. */
  durationMs?: number;
}
