import type { Levels, TopOfBook } from '../features/order-book.ts';
import type { CompanyFact, Observation } from './external-types.ts';

export type FactorCategory = 'technical' | 'microstructure' | 'macro' | 'fundamental';

/** `instrument`: one value per symbol; `market`: one value for everything (macro series). */
export type FactorScope = 'instrument' | 'market';

export type FactorResult = { ok: true; value: number } | { ok: false; reason: string };

/** Per-bar history of one instrument, oldest first; all arrays have the same length. */
export interface BarHistoryView {
  closes: readonly number[];
  volumes: readonly number[];
  /** Buy minus sell volume per bar (aggressor or tick rule, see TradeClassifier). */
  signedVolumes: readonly number[];
}

/** Data fetched through the hub: the value, or why there is none (no network, no credential...). */
export type Fetched<T> = { ok: true; data: T } | { ok: false; reason: string };

/** Everything a definition may read; it reads only what its `inputs` name. */
export interface FactorInputs {
  symbol?: string;
  bars?: BarHistoryView;
  /** Bars per year of the bar spec, to annualise. */
  periodsPerYear?: number;
  quote?: TopOfBook;
  book?: { bids: Levels; asks: Levels };
  /** EDGAR facts of the symbol's company (us-gaap and dei merged). */
  facts?: Fetched<readonly CompanyFact[]>;
  /** FRED observations by series id. */
  series?: (id: string) => Fetched<readonly Observation[]> | undefined;
}

export interface FactorDefinition {
  name: string;
  category: FactorCategory;
  scope: FactorScope;
  /** The formula as written in docs/factors.md. */
  formula: string;
  description: string;
  /** What it reads: bars.close, bars.volume, bars.signedVolume, quote, book, fred:<ID>, edgar:<concept>. */
  inputs: readonly string[];
  /** Pure: same inputs, same result; never throws for missing data (it says why instead). */
  evaluate(inputs: FactorInputs): FactorResult;
}

export const ok = (value: number): FactorResult =>
  Number.isFinite(value) ? { ok: true, value } : { ok: false, reason: `not a finite number (${value})` };

export const unavailable = (reason: string): FactorResult => ({ ok: false, reason });
