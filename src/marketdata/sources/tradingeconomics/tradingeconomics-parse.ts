import { z } from 'zod';
import { NautilusError } from '../../../core/errors.ts';
import type { Nanos } from '../../../domain/time.ts';
import type { EconomicSeries } from '../source-types.ts';

const SOURCE = 'tradingeconomics';

/** One row of GET /country/<country>: the latest value of one indicator. */
export interface CountryIndicator {
  country: string;
  category: string;
  title: string;
  latestValue: number | null;
  latestValueDateNs?: Nanos;
  previousValue?: number | null;
  previousValueDateNs?: Nanos;
  unit?: string;
  frequency?: string;
  source?: string;
  categoryGroup?: string;
  symbol?: string;
}

const historicalRow = z.looseObject({
  Country: z.string(),
  Category: z.string(),
  DateTime: z.string(),
  Value: z.number().nullable(),
  Frequency: z.string().nullish(),
  HistoricalDataSymbol: z.string().nullish(),
  LastUpdate: z.string().nullish(),
});

const indicatorRow = z.looseObject({
  Country: z.string(),
  Category: z.string(),
  Title: z.string(),
  LatestValue: z.number().nullable(),
  LatestValueDate: z.string().nullish(),
  PreviousValue: z.number().nullish(),
  PreviousValueDate: z.string().nullish(),
  Unit: z.string().nullish(),
  Frequency: z.string().nullish(),
  Source: z.string().nullish(),
  CategoryGroup: z.string().nullish(),
  HistoricalDataSymbol: z.string().nullish(),
});

/** /historical/country/<c>/indicator/<i> rows -> EconomicSeries; no rows means no such series. */
export function parseHistorical(json: unknown, country: string, indicator: string): EconomicSeries {
  const id = `${country}:${indicator}`;
  const rows = check(z.array(historicalRow), json, `historical ${id}`);
  const first = rows[0];
  if (!first)
    throw new NautilusError('NOT_FOUND', `${SOURCE}: no data for indicator "${indicator}" in "${country}"`);
  return {
    source: SOURCE,
    id,
    title: `${first.Country} ${first.Category}`,
    ...(first.Frequency ? { frequency: first.Frequency } : {}),
    observations: rows.map((row, i) => ({
      periodNs: teTimeToNs(row.DateTime, `historical ${id} [${i}].DateTime`),
      value: row.Value,
    })),
  };
}

/** /country/<country> rows -> CountryIndicator[]; none means the country is unknown. */
export function parseIndicators(json: unknown, country: string): CountryIndicator[] {
  const rows = check(z.array(indicatorRow), json, `country ${country}`);
  if (rows.length === 0)
    throw new NautilusError('NOT_FOUND', `${SOURCE}: no indicators for country "${country}"`);
  return rows.map((row, i) => {
    const at = (text: string | null | undefined, field: string) =>
      text ? teTimeToNs(text, `country ${country} [${i}].${field}`) : undefined;
    const latestValueDateNs = at(row.LatestValueDate, 'LatestValueDate');
    const previousValueDateNs = at(row.PreviousValueDate, 'PreviousValueDate');
    return {
      country: row.Country,
      category: row.Category,
      title: row.Title,
      latestValue: row.LatestValue,
      ...(latestValueDateNs !== undefined ? { latestValueDateNs } : {}),
      ...(row.PreviousValue !== undefined ? { previousValue: row.PreviousValue } : {}),
      ...(previousValueDateNs !== undefined ? { previousValueDateNs } : {}),
      ...(row.Unit ? { unit: row.Unit } : {}),
      ...(row.Frequency ? { frequency: row.Frequency } : {}),
      ...(row.Source ? { source: row.Source } : {}),
      ...(row.CategoryGroup ? { categoryGroup: row.CategoryGroup } : {}),
      ...(row.HistoricalDataSymbol ? { symbol: row.HistoricalDataSymbol } : {}),
    };
  });
}

/** TE times are UTC without a zone: "2023-03-31T00:00:00" (sometimes with fractional seconds). */
export function teTimeToNs(text: string, field: string): Nanos {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?Z?$/.exec(text);
  const ms = match ? Date.parse(`${match[1]}Z`) : Number.NaN;
  if (!match || Number.isNaN(ms))
    throw new NautilusError(
      'UPSTREAM_ERROR',
      `${SOURCE}: ${field} is not a timestamp: ${JSON.stringify(text)}`,
    );
  return BigInt(ms) * 1_000_000n + BigInt((match[2] ?? '').padEnd(9, '0'));
}

function check<T>(schema: z.ZodType<T>, json: unknown, what: string): T {
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new NautilusError(
    'UPSTREAM_ERROR',
    `${SOURCE}: unexpected ${what} response at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
  );
}
