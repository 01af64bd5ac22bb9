import { describe, expect, it } from 'vitest';
import type { CompanyFact, Observation } from './external-types.ts';
import { FACTOR_LIBRARY, fredSeriesOf } from './factor-library.ts';
import type { FactorDefinition, FactorInputs } from './factor-types.ts';
import {
  bookToPrice,
  earningsYield,
  latestAnnual,
  leverage,
  returnOnEquity,
  salesToPrice,
} from './fundamental-factors.ts';
import { creditSpread, inflationSurprise, termSpread } from './macro-factors.ts';

const ns = (date: string) => BigInt(Date.parse(`${date}T00:00:00Z`)) * 1_000_000n;
const obs = (rows: Array<[string, number | null]>): Observation[] =>
  rows.map(([date, value]) => ({ periodNs: ns(date), value }));

function withSeries(series: Record<string, Observation[] | string>): FactorInputs {
  return {
    series: (id) => {
      const entry = series[id];
      if (entry === undefined) return undefined;
      return typeof entry === 'string' ? { ok: false, reason: entry } : { ok: true, data: entry };
    },
  };
}

function value(definition: FactorDefinition, inputs: FactorInputs): number {
  const result = definition.evaluate(inputs);
  if (!result.ok) throw new Error(`${definition.name}: ${result.reason}`);
  return result.value;
}

describe('macro factors from FRED observations', () => {
  it('term spread: DGS10 - DGS2 on the latest common day', () => {
    const inputs = withSeries({
      DGS10: obs([
        ['2024-01-01', null],
        ['2024-01-02', 3.95],
        ['2024-01-03', 3.91],
      ]),
      DGS2: obs([
        ['2024-01-02', 4.33],
        ['2024-01-03', 4.33],
        ['2024-01-04', 4.38],
      ]),
    });
    expect(value(termSpread, inputs)).toBeCloseTo(-0.42, 12); // 3.91 - 4.33 on 2024-01-03
  });

  it('credit spread: BAA - AAA', () => {
    const inputs = withSeries({
      BAA: obs([
        ['2023-11-01', 6.1],
        ['2023-12-01', 5.94],
      ]),
      AAA: obs([
        ['2023-11-01', 5.28],
        ['2023-12-01', 4.81],
      ]),
    });
    expect(value(creditSpread, inputs)).toBeCloseTo(1.13, 12); // 5.94 - 4.81
  });

  it('inflation surprise: 12-month CPI inflation minus MICH a year before', () => {
    // 2024-02 has no CPI a year before, so m = 2024-01: 100 * (309 / 300 - 1) = 3.0; MICH 2023-01 = 3.9 -> -0.9.
    const inputs = withSeries({
      CPIAUCSL: obs([
        ['2023-01-01', 300],
        ['2024-01-01', 309],
        ['2024-02-01', 310],
      ]),
      MICH: obs([
        ['2023-01-01', 3.9],
        ['2023-02-01', 4.1],
      ]),
    });
    expect(value(inflationSurprise, inputs)).toBeCloseTo(-0.9, 12);
  });

  it('says why when a series is missing or could not be fetched', () => {
    expect(termSpread.evaluate(withSeries({}))).toEqual({ ok: false, reason: 'FRED DGS10 not fetched yet' });
    expect(termSpread.evaluate(withSeries({ DGS10: 'no network', DGS2: [] }))).toEqual({
      ok: false,
      reason: 'FRED DGS10 unavailable: no network',
    });
  });
});

const fact = (
  concept: string,
  value: number,
  end: string,
  options: { start?: string; form?: string; unit?: string; filed?: string } = {},
): CompanyFact => ({
  concept,
  unit: options.unit ?? 'USD',
  value,
  ...(options.start ? { periodStartNs: ns(options.start) } : {}),
  periodEndNs: ns(end),
  filedNs: ns(options.filed ?? '2023-11-03'),
  form: options.form ?? '10-K',
});

const FACTS: CompanyFact[] = [
  fact('NetIncomeLoss', 94e9, '2022-09-24', { start: '2021-09-26' }),
  fact('NetIncomeLoss', 97e9, '2023-09-30', { start: '2022-10-01' }),
  fact('NetIncomeLoss', 23e9, '2023-12-30', { start: '2023-10-01', form: '10-Q' }), // a quarter: ignored
  fact('Revenues', 383e9, '2023-09-30', { start: '2022-10-01' }),
  fact('StockholdersEquity', 50e9, '2022-09-24'),
  fact('StockholdersEquity', 62e9, '2023-09-30'),
  fact('Assets', 352e9, '2023-09-30'),
  fact('Liabilities', 290e9, '2023-09-30'),
  fact('EntityCommonStockSharesOutstanding', 15.5e9, '2023-10-20', { unit: 'shares' }),
];

describe('fundamental factors from EDGAR facts', () => {
  const inputs: FactorInputs = {
    facts: { ok: true, data: FACTS },
    bars: { closes: [180, 190], volumes: [1, 1], signedVolumes: [0, 0] },
  };
  // market cap = 190 * 15.5e9 = 2.945e12
  it('value ratios over market cap', () => {
    expect(latestAnnual(FACTS, ['NetIncomeLoss'])?.value).toBe(97e9);
    expect(value(earningsYield, inputs)).toBeCloseTo(0.0329371817, 10); // 97e9 / 2.945e12
    expect(value(bookToPrice, inputs)).toBeCloseTo(0.0210526316, 10); // 62e9 / 2.945e12
    expect(value(salesToPrice, inputs)).toBeCloseTo(0.1300509338, 10); // 383e9 / 2.945e12
  });

  it('ROE and leverage from the same report', () => {
    expect(value(returnOnEquity, inputs)).toBeCloseTo(1.564516129, 10); // 97 / 62
    expect(value(leverage, inputs)).toBeCloseTo(0.8238636364, 10); // 290 / 352
  });

  it('says why when facts are missing', () => {
    expect(earningsYield.evaluate({ facts: { ok: false, reason: 'egress blocked' } })).toEqual({
      ok: false,
      reason: 'EDGAR facts unavailable: egress blocked',
    });
    expect(earningsYield.evaluate({ facts: { ok: true, data: FACTS } })).toEqual({
      ok: false,
      reason: 'no price yet',
    });
    expect(leverage.evaluate({ facts: { ok: true, data: FACTS.slice(0, 5) } })).toEqual({
      ok: false,
      reason: 'no Assets in EDGAR facts',
    });
  });
});

describe('the library', () => {
  it('ships 20 uniquely named factors with formulas', () => {
    expect(FACTOR_LIBRARY.length).toBe(20);
    const counts: Record<string, number> = {};
    for (const d of FACTOR_LIBRARY) counts[d.category] = (counts[d.category] ?? 0) + 1;
    expect(counts).toEqual({
      technical: 5,
      microstructure: 7,
      macro: 3,
      fundamental: 5,
    });
    for (const definition of FACTOR_LIBRARY) expect(definition.formula.length).toBeGreaterThan(5);
    expect(fredSeriesOf(FACTOR_LIBRARY)).toEqual(['AAA', 'BAA', 'CPIAUCSL', 'DGS10', 'DGS2', 'MICH']);
  });
});
