import type { Observation } from './external-types.ts';
import {
  type FactorDefinition,
  type FactorInputs,
  type FactorResult,
  ok,
  unavailable,
} from './factor-types.ts';

/** Observations with a value, by period (ns as decimal text, so bigint periods key a Map). */
function valuesOf(inputs: FactorInputs, id: string): Map<string, number> | FactorResult {
  const fetched = inputs.series?.(id);
  if (!fetched) return unavailable(`FRED ${id} not fetched yet`);
  if (!fetched.ok) return unavailable(`FRED ${id} unavailable: ${fetched.reason}`);
  const map = new Map<string, number>();
  for (const row of fetched.data as readonly Observation[])
    if (row.value !== null) map.set(String(row.periodNs), row.value);
  return map;
}

const isResult = (value: Map<string, number> | FactorResult): value is FactorResult =>
  !(value instanceof Map);

/** a - b on the latest period both series have a value for. */
function latestDifference(inputs: FactorInputs, a: string, b: string): FactorResult {
  const first = valuesOf(inputs, a);
  if (isResult(first)) return first;
  const second = valuesOf(inputs, b);
  if (isResult(second)) return second;
  let latest: bigint | undefined;
  for (const period of first.keys())
    if (second.has(period) && (latest === undefined || BigInt(period) > latest)) latest = BigInt(period);
  if (latest === undefined) return unavailable(`FRED ${a} and ${b} share no period with values`);
  return ok(first.get(String(latest))! - second.get(String(latest))!);
}

export const termSpread: FactorDefinition = {
  name: 'term_spread',
  category: 'macro',
  scope: 'market',
  formula: 'DGS10 - DGS2 on the latest day both have a value (percentage points)',
  description: '10-year minus 2-year constant-maturity Treasury yield: the slope of the yield curve.',
  inputs: ['fred:DGS10', 'fred:DGS2'],
  evaluate: (inputs) => latestDifference(inputs, 'DGS10', 'DGS2'),
};

export const creditSpread: FactorDefinition = {
  name: 'credit_spread',
  category: 'macro',
  scope: 'market',
  formula: 'BAA - AAA on the latest month both have a value (percentage points)',
  description: "Moody's Baa minus Aaa corporate bond yield: the default spread of Fama-French (1989).",
  inputs: ['fred:BAA', 'fred:AAA'],
  evaluate: (inputs) => latestDifference(inputs, 'BAA', 'AAA'),
};

/** The period 12 months before `periodNs` (FRED monthly periods are first-of-month UTC dates). */
function yearBefore(periodNs: bigint): string {
  const date = new Date(Number(periodNs / 1_000_000n));
  return String(
    BigInt(Date.UTC(date.getUTCFullYear() - 1, date.getUTCMonth(), date.getUTCDate())) * 1_000_000n,
  );
}

export const inflationSurprise: FactorDefinition = {
  name: 'inflation_surprise',
  category: 'macro',
  scope: 'market',
  formula:
    '100 * (CPIAUCSL[m] / CPIAUCSL[m-12] - 1) - MICH[m-12], m = the latest month with all three (percentage points)',
  description:
    'Realised 12-month CPI inflation minus what the Michigan survey expected for those 12 months when they began.',
  inputs: ['fred:CPIAUCSL', 'fred:MICH'],
  evaluate: (inputs) => {
    const cpi = valuesOf(inputs, 'CPIAUCSL');
    if (isResult(cpi)) return cpi;
    const expected = valuesOf(inputs, 'MICH');
    if (isResult(expected)) return expected;
    const months = [...cpi.keys()].map(BigInt).sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
    for (const month of months) {
      const before = yearBefore(month);
      const base = cpi.get(before);
      const expectation = expected.get(before);
      if (base === undefined || expectation === undefined) continue;
      return ok(100 * (cpi.get(String(month))! / base - 1) - expectation);
    }
    return unavailable('no month with CPIAUCSL, CPIAUCSL a year before and MICH a year before');
  },
};

export const MACRO_FACTORS: readonly FactorDefinition[] = [termSpread, creditSpread, inflationSurprise];
