import type { Nanos } from '../../domain/time.ts';

/** Results the hub's sources return: one shape per kind of data, whatever the provider. */

export interface QuoteSnapshot {
  source: string;
  symbol: string;
  bid?: number;
  ask?: number;
  last?: number;
  bidSize?: number;
  askSize?: number;
  volume?: number;
  tsNs: Nanos;
}

export interface SourceBar {
  startNs: Nanos;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

export interface BarSeries {
  source: string;
  symbol: string;
  /** Provider-neutral interval such as 1m, 5m, 1h, 1d. */
  interval: string;
  bars: SourceBar[];
}

export interface Observation {
  /** The period the value belongs to (UTC midnight of the date the provider gives). */
  periodNs: Nanos;
  /** null where the provider marks a missing value (FRED '.', DBnomics 'NA'). */
  value: number | null;
  /** ALFRED real-time period: when this value was the published one. */
  realtimeStartNs?: Nanos;
  realtimeEndNs?: Nanos;
}

export interface EconomicSeries {
  source: string;
  id: string;
  title?: string;
  frequency?: string;
  units?: string;
  /** Set when the series was asked "as known at": only values published by then are present. */
  asOfNs?: Nanos;
  observations: Observation[];
}

export interface CompanyFact {
  concept: string;
  unit: string;
  value: number;
  periodStartNs?: Nanos;
  periodEndNs: Nanos;
  /** When the filing that reported it was filed: what makes facts point-in-time safe. */
  filedNs: Nanos;
  form: string;
  fiscalYear?: number;
  fiscalPeriod?: string;
  accession: string;
}

export interface CompanyFacts {
  source: string;
  cik: string;
  entityName: string;
  facts: CompanyFact[];
}

export interface Filing {
  accession: string;
  form: string;
  filingDateNs: Nanos;
  reportDateNs?: Nanos;
  primaryDocument?: string;
}

export interface CompanyFilings {
  source: string;
  cik: string;
  name: string;
  tickers: string[];
  filings: Filing[];
}

export interface DatasetResource {
  name: string;
  format: string;
  url: string;
}

export interface DatasetSummary {
  id: string;
  name: string;
  title: string;
  organization?: string;
  modifiedNs?: Nanos;
  resources: DatasetResource[];
}

export interface DatasetSearch {
  source: string;
  count: number;
  datasets: DatasetSummary[];
}

/** UTC midnight of a YYYY-MM-DD date, in ns; throws on anything else so bad upstream dates are named. */
export function dateToNs(date: string, what = 'date'): Nanos {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new TypeError(`${what}: expected YYYY-MM-DD, got ${JSON.stringify(date)}`);
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date)
    throw new TypeError(`${what}: not a calendar date: ${JSON.stringify(date)}`);
  return BigInt(ms) * 1_000_000n;
}
