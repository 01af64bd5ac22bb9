import { z } from 'zod';
import { type ErrorCode, NautilusError } from '../../../core/errors.ts';
import { type Nanos, NS_PER_SECOND } from '../../../domain/time.ts';
import type { BarSeries, QuoteSnapshot, SourceBar } from '../source-types.ts';

const SOURCE = 'yahoo';

export const YAHOO_INTERVALS = [
  '1m',
  '2m',
  '5m',
  '15m',
  '30m',
  '60m',
  '90m',
  '1h',
  '1d',
  '5d',
  '1wk',
  '1mo',
  '3mo',
] as const;
export type YahooInterval = (typeof YAHOO_INTERVALS)[number];

export const YAHOO_RANGES = ['1d', '5d', '1mo', '3mo', '6mo', '1y', '2y', '5y', '10y', 'ytd', 'max'] as const;

const MINUTE = 60n * NS_PER_SECOND;
const DAY = 24n * 60n * MINUTE;

/**
 * How long after its start a bar is surely complete. Calendar units take their longest length
 * (31-day month, 92-day quarter); a 5-day bar is five trading days, taken as a calendar week.
 */
const BAR_LENGTH: Record<YahooInterval, { ns: Nanos; neutral: string }> = {
  '1m': { ns: MINUTE, neutral: '1m' },
  '2m': { ns: 2n * MINUTE, neutral: '2m' },
  '5m': { ns: 5n * MINUTE, neutral: '5m' },
  '15m': { ns: 15n * MINUTE, neutral: '15m' },
  '30m': { ns: 30n * MINUTE, neutral: '30m' },
  '60m': { ns: 60n * MINUTE, neutral: '1h' },
  '90m': { ns: 90n * MINUTE, neutral: '90m' },
  '1h': { ns: 60n * MINUTE, neutral: '1h' },
  '1d': { ns: DAY, neutral: '1d' },
  '5d': { ns: 7n * DAY, neutral: '5d' },
  '1wk': { ns: 7n * DAY, neutral: '1w' },
  '1mo': { ns: 31n * DAY, neutral: '1mo' },
  '3mo': { ns: 92n * DAY, neutral: '3mo' },
};

const chartError = z.looseObject({ code: z.string(), description: z.string() });

/** Yahoo puts its errors (404 unknown symbol, 400 bad input) in the chart envelope. */
export function yahooProblem(body: unknown): { code: ErrorCode; message: string } | undefined {
  const parsed = z.looseObject({ chart: z.looseObject({ error: chartError }) }).safeParse(body);
  if (!parsed.success) return undefined;
  const { code, description } = parsed.data.chart.error;
  const codes: Record<string, ErrorCode> = { 'Not Found': 'NOT_FOUND', 'Bad Request': 'BAD_REQUEST' };
  return { code: codes[code] ?? 'UPSTREAM_ERROR', message: description };
}

const epochSeconds = z.number().int().nonnegative();
// A result with no bars has `quote: [{}]`.
const values = z.array(z.number().nullable()).default([]);

const chartResult = z.looseObject({
  meta: z.looseObject({
    symbol: z.string(),
    regularMarketPrice: z.number().optional(),
    regularMarketTime: epochSeconds.optional(),
    regularMarketVolume: z.number().optional(),
  }),
  // Absent when the range holds no bars.
  timestamp: z.array(epochSeconds).optional(),
  indicators: z.looseObject({
    quote: z.array(z.looseObject({ open: values, high: values, low: values, close: values, volume: values })),
  }),
});
type ChartResult = z.infer<typeof chartResult>;

const chart = z.looseObject({
  chart: z.looseObject({ result: z.array(chartResult).min(1), error: z.null().optional() }),
});

function parseChart(body: unknown, what: string): ChartResult {
  const parsed = chart.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.map(String).join('.') || '(root)';
    throw new NautilusError(
      'UPSTREAM_ERROR',
      `${SOURCE}: ${what}: malformed response at "${field}": ${issue?.message}`,
    );
  }
  return parsed.data.chart.result[0]!;
}

/**
 * OHLCV bars of the chart result. Intervals without a trade carry nulls: those bars are dropped,
 * never zero-filled. adjclose (dividend-adjusted with hindsight) is deliberately not read.
 */
export function parseYahooBars(body: unknown, symbol: string, interval: YahooInterval): BarSeries {
  const what = `bars ${symbol} ${interval}`;
  const result = parseChart(body, what);
  const stamps = result.timestamp ?? [];
  const quote = result.indicators.quote[0];
  const bars: SourceBar[] = [];
  if (stamps.length > 0) {
    if (!quote) throw new NautilusError('UPSTREAM_ERROR', `${SOURCE}: ${what}: no indicators.quote`);
    for (const field of ['open', 'high', 'low', 'close', 'volume'] as const)
      if (quote[field].length !== stamps.length)
        throw new NautilusError(
          'UPSTREAM_ERROR',
          `${SOURCE}: ${what}: indicators.quote.0.${field} has ${quote[field].length} values for ${stamps.length} timestamps`,
        );
    stamps.forEach((stamp, i) => {
      const [open, high, low, close, volume] = [
        quote.open[i],
        quote.high[i],
        quote.low[i],
        quote.close[i],
        quote.volume[i],
      ];
      if (open == null || high == null || low == null || close == null || volume == null) return;
      bars.push({ startNs: BigInt(stamp) * NS_PER_SECOND, open, high, low, close, volume });
    });
  }
  bars.sort((a, b) => (a.startNs < b.startNs ? -1 : a.startNs > b.startNs ? 1 : 0));
  return { source: SOURCE, symbol: result.meta.symbol, interval: BAR_LENGTH[interval].neutral, bars };
}

/** The regular-market price and time the chart meta carries. */
export function parseYahooQuote(body: unknown, symbol: string): QuoteSnapshot {
  const what = `quote ${symbol}`;
  const { meta } = parseChart(body, what);
  if (meta.regularMarketPrice === undefined || meta.regularMarketTime === undefined)
    throw new NautilusError(
      'UPSTREAM_ERROR',
      `${SOURCE}: ${what}: malformed response: meta lacks regularMarketPrice/regularMarketTime`,
    );
  return {
    source: SOURCE,
    symbol: meta.symbol,
    last: meta.regularMarketPrice,
    ...(meta.regularMarketVolume === undefined ? {} : { volume: meta.regularMarketVolume }),
    tsNs: BigInt(meta.regularMarketTime) * NS_PER_SECOND,
  };
}

/** The bars that had ended by `asOfNs` (start plus the interval's longest length). */
export function yahooBarsKnownAt(
  bars: readonly SourceBar[],
  interval: YahooInterval,
  asOfNs: Nanos,
): SourceBar[] {
  const lengthNs = BAR_LENGTH[interval].ns;
  return bars.filter((bar) => bar.startNs + lengthNs <= asOfNs);
}
