import type { CompanyFact } from './external-types.ts';
import {
  type FactorDefinition,
  type FactorInputs,
  type FactorResult,
  ok,
  unavailable,
} from './factor-types.ts';

const DAY_NS = 86_400_000_000_000n;
const ANNUAL_FORMS = new Set(['10-K', '10-K/A', '20-F', '40-F']);

const NET_INCOME = ['NetIncomeLoss'];
const REVENUE = ['Revenues', 'RevenueFromContractWithCustomerExcludingAssessedTax', 'SalesRevenueNet'];
const EQUITY = ['StockholdersEquity'];
const SHARES = ['EntityCommonStockSharesOutstanding', 'CommonStockSharesOutstanding'];

function later(a: CompanyFact, b: CompanyFact | undefined): boolean {
  if (!b) return true;
  if (a.periodEndNs !== b.periodEndNs) return a.periodEndNs > b.periodEndNs;
  return a.filedNs > b.filedNs; // a restatement of the same period wins
}

/**
 * The latest fiscal-year value of a flow concept (income, revenue) from an annual report: a
 * duration of 350-380 days, latest period end, latest filing on ties. The first concept in
 * `concepts` with any such value wins (companies moved between revenue tags over the years).
 */
export function latestAnnual(
  facts: readonly CompanyFact[],
  concepts: readonly string[],
): CompanyFact | undefined {
  for (const concept of concepts) {
    let best: CompanyFact | undefined;
    for (const fact of facts) {
      if (fact.concept !== concept || fact.unit !== 'USD' || !ANNUAL_FORMS.has(fact.form)) continue;
      if (fact.periodStartNs === undefined) continue;
      const days = (fact.periodEndNs - fact.periodStartNs) / DAY_NS;
      if (days < 350n || days > 380n) continue;
      if (later(fact, best)) best = fact;
    }
    if (best) return best;
  }
  return undefined;
}

/** The latest instant value (balance sheet, shares) of the first concept that has one; `at` pins the date. */
export function latestInstant(
  facts: readonly CompanyFact[],
  concepts: readonly string[],
  unit: string,
  at?: bigint,
): CompanyFact | undefined {
  for (const concept of concepts) {
    let best: CompanyFact | undefined;
    for (const fact of facts) {
      if (fact.concept !== concept || fact.unit !== unit || fact.periodStartNs !== undefined) continue;
      if (at !== undefined && fact.periodEndNs !== at) continue;
      if (later(fact, best)) best = fact;
    }
    if (best) return best;
  }
  return undefined;
}

type Facts = readonly CompanyFact[];

function factsOf(inputs: FactorInputs): Facts | FactorResult {
  if (!inputs.facts) return unavailable('no EDGAR facts for this instrument (not a configured equity)');
  if (!inputs.facts.ok) return unavailable(`EDGAR facts unavailable: ${inputs.facts.reason}`);
  return inputs.facts.data;
}

const isResult = (value: unknown): value is FactorResult =>
  typeof value === 'object' && value !== null && 'ok' in value;

/** Price x shares outstanding (latest dei cover-page count, else us-gaap). */
function marketCap(inputs: FactorInputs, facts: Facts): number | FactorResult {
  const closes = inputs.bars?.closes;
  const price = closes?.[closes.length - 1];
  if (price === undefined) return unavailable('no price yet');
  const shares = latestInstant(facts, SHARES, 'shares');
  if (!shares) return unavailable('no shares outstanding in EDGAR facts');
  return price * shares.value;
}

/** numerator(facts) / market cap. */
function toPrice(inputs: FactorInputs, numerator: (facts: Facts) => CompanyFact | undefined, what: string) {
  const facts = factsOf(inputs);
  if (isResult(facts)) return facts;
  const value = numerator(facts);
  if (!value) return unavailable(`no ${what} in EDGAR facts`);
  const cap = marketCap(inputs, facts);
  if (isResult(cap)) return cap;
  return ok(value.value / cap);
}

const FUNDAMENTAL_INPUTS = ['bars.close', 'edgar:EntityCommonStockSharesOutstanding'];

export const earningsYield: FactorDefinition = {
  name: 'earnings_yield',
  category: 'fundamental',
  scope: 'instrument',
  formula: 'NetIncomeLoss (latest fiscal year) / (C[t] * shares outstanding)',
  description: 'Earnings-to-price (E/P) with the latest annual net income reported to the SEC.',
  inputs: [...FUNDAMENTAL_INPUTS, 'edgar:NetIncomeLoss'],
  evaluate: (inputs) => toPrice(inputs, (facts) => latestAnnual(facts, NET_INCOME), 'annual NetIncomeLoss'),
};

export const bookToPrice: FactorDefinition = {
  name: 'book_to_price',
  category: 'fundamental',
  scope: 'instrument',
  formula: 'StockholdersEquity (latest balance sheet) / (C[t] * shares outstanding)',
  description: 'Book-to-market (B/P), the Fama-French value measure, with the latest reported book equity.',
  inputs: [...FUNDAMENTAL_INPUTS, 'edgar:StockholdersEquity'],
  evaluate: (inputs) => toPrice(inputs, (facts) => latestInstant(facts, EQUITY, 'USD'), 'StockholdersEquity'),
};

export const salesToPrice: FactorDefinition = {
  name: 'sales_to_price',
  category: 'fundamental',
  scope: 'instrument',
  formula:
    'Revenues (latest fiscal year; else RevenueFromContractWithCustomerExcludingAssessedTax, SalesRevenueNet) / (C[t] * shares outstanding)',
  description: 'Sales-to-price (S/P) with the latest annual revenue.',
  inputs: [...FUNDAMENTAL_INPUTS, 'edgar:Revenues'],
  evaluate: (inputs) => toPrice(inputs, (facts) => latestAnnual(facts, REVENUE), 'annual revenue'),
};

export const returnOnEquity: FactorDefinition = {
  name: 'roe',
  category: 'fundamental',
  scope: 'instrument',
  formula: 'NetIncomeLoss (latest fiscal year) / StockholdersEquity at that fiscal year end',
  description: 'Return on equity: profitability (quality) from the same annual report.',
  inputs: ['edgar:NetIncomeLoss', 'edgar:StockholdersEquity'],
  evaluate: (inputs) => {
    const facts = factsOf(inputs);
    if (isResult(facts)) return facts;
    const income = latestAnnual(facts, NET_INCOME);
    if (!income) return unavailable('no annual NetIncomeLoss in EDGAR facts');
    const equity = latestInstant(facts, EQUITY, 'USD', income.periodEndNs);
    if (!equity) return unavailable('no StockholdersEquity at the fiscal year end of the latest net income');
    return ok(income.value / equity.value);
  },
};

export const leverage: FactorDefinition = {
  name: 'leverage',
  category: 'fundamental',
  scope: 'instrument',
  formula: 'Liabilities / Assets on the latest balance-sheet date that reports both',
  description: 'Book leverage: the share of assets financed by liabilities.',
  inputs: ['edgar:Liabilities', 'edgar:Assets'],
  evaluate: (inputs) => {
    const facts = factsOf(inputs);
    if (isResult(facts)) return facts;
    const assets = latestInstant(facts, ['Assets'], 'USD');
    if (!assets) return unavailable('no Assets in EDGAR facts');
    const liabilities = latestInstant(facts, ['Liabilities'], 'USD', assets.periodEndNs);
    if (!liabilities) return unavailable('no Liabilities on the latest Assets date');
    return ok(liabilities.value / assets.value);
  },
};

export const FUNDAMENTAL_FACTORS: readonly FactorDefinition[] = [
  earningsYield,
  bookToPrice,
  salesToPrice,
  returnOnEquity,
  leverage,
];
