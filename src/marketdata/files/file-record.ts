import type { MarketDataPayload } from '../../domain/payloads.ts';

/** What a market-data file can hold: bars, top-of-book quotes and trade prints (never book snapshots). */
export type FileRecord = Extract<MarketDataPayload, { kind: 'bar' | 'quote' | 'trade' }>;

/** Layouts named by shape; Alpha Vantage is named because its clock and column order are its own. */
export type LayoutName =
  | 'ohlc-bars'
  | 'ohlcv-bars'
  | 'alpha-vantage-intraday'
  | 'wide-daily-closes'
  | 'quotes'
  | 'trades'
  | 'custom';

export type TimeFormat = 'iso' | 'epoch-s' | 'epoch-ms' | 'epoch-us' | 'epoch-ns';

/** Whether a bar's timestamp marks its open or its close. */
export type TimeLabel = 'open' | 'close';

/** A column by header name or 0-based index. */
export type ColumnRef = string | number;

/** Explicit column mapping for layouts auto-detection does not know. */
export interface ColumnMapping {
  time: ColumnRef;
  timeFormat?: TimeFormat;
  open?: ColumnRef;
  high?: ColumnRef;
  low?: ColumnRef;
  close?: ColumnRef;
  volume?: ColumnRef;
  bid?: ColumnRef;
  ask?: ColumnRef;
  bidSize?: ColumnRef;
  askSize?: ColumnRef;
  price?: ColumnRef;
  size?: ColumnRef;
  side?: ColumnRef;
  tradeId?: ColumnRef;
  symbol?: ColumnRef;
}

export interface BadRow {
  path: string;
  /** 1-based line number in the (decompressed) text file; 1-based row number in a Parquet file. */
  line: number;
  reason: string;
}

export interface ReadOptions {
  /** Overrides the symbol from a symbol column or the file name. */
  symbol?: string;
  /** Bar spec such as '1m' or '1m-bid'; defaults from the file name, else '1m' ('1d' for daily closes). */
  spec?: string;
  /** IANA zone for timestamps without an offset; defaults to UTC (America/New_York for Alpha Vantage). */
  timeZone?: string;
  timeLabel?: TimeLabel;
  columns?: ColumnMapping;
  /** 'skip' (default) reports and continues; 'fail' throws on the first bad row. */
  badRows?: 'skip' | 'fail';
  onBadRow?: (row: BadRow) => void;
}

export interface ReadStats {
  layout: LayoutName | undefined;
  /** Data rows seen (header and blank lines excluded). */
  rowsRead: number;
  recordsEmitted: number;
  badRows: number;
  blankLines: number;
}
