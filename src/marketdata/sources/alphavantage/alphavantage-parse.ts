import { z } from 'zod';
import { type ErrorCode, NautilusError } from '../../../core/errors.ts';
import type { Nanos } from '../../../domain/time.ts';
import { parseIsoNanos } from '../../files/exact-time.ts';
import { ZoneClock } from '../../files/zone-clock.ts';
import { type BarSeries, dateToNs, type QuoteSnapshot, type SourceBar } from '../source-types.ts';

const SOURCE = 'alphavantage';

export const ALPHAVANTAGE_INTERVALS = ['1min', '5min', '15min', '30min', '60min', 'daily'] as const;
export type AlphaVantageInterval = (typeof ALPHAVANTAGE_INTERVALS)[number];

/** Provider-neutral interval names (BarSeries.interval). */
const NEUTRAL_INTERVAL: Record<AlphaVantageInterval, string> = {
  '1min': '1m',
  '5min': '5m',
  '15min': '15m',
  '30min': '30m',
  '60min': '1h',
  daily: '1d',
};

const NS_PER_MINUTE = 60_000_000_000n;
const NS_PER_HOUR = 60n * NS_PER_MINUTE;

/** An error Alpha Vantage reported inside an HTTP 200 body. */
export interface AlphaVantageProblem {
  code: ErrorCode;
  message: string;
}

/**
 * Alpha Vantage answers errors and throttling with HTTP 200 and a one-key body ("Error Message",
 * "Note" or "Information"); undefined when the body carries data.
 */
export function alphaVantageProblem(body: unknown): AlphaVantageProblem | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const record = body as Record<string, unknown>;
  const text = [record['Error Message'], record.Note, record.Information].find(
    (value): value is string => typeof value === 'string',
  );
  if (text === undefined) return undefined;
  if (/apikey is invalid or missing/i.test(text))
    return { code: 'UPSTREAM_AUTH', message: `API key refused: ${text}` };
  if (/rate limit|call frequency|requests per (day|minute)/i.test(text))
    return { code: 'UPSTREAM_RATE_LIMITED', message: `rate limited by Alpha Vantage: ${text}` };
  // The adapter only builds documented calls, so a rejected call means an unknown symbol (or month).
  if (typeof record['Error Message'] === 'string')
    return { code: 'NOT_FOUND', message: `unknown symbol or no data: ${text}` };
  return { code: 'UPSTREAM_ERROR', message: text };
}

/** Alpha Vantage sends every number as a string. */
const numeric = z
  .string()
  .trim()
  .regex(/^-?\d+(\.\d+)?$/, 'expected a decimal number string')
  .transform(Number);

const day = z.string().transform((text, ctx) => {
  try {
    return dateToNs(text);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
});

function parseWith<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.map(String).join('.') || '(root)';
  throw new NautilusError(
    'UPSTREAM_ERROR',
    `${SOURCE}: ${what}: malformed response at "${field}": ${issue?.message}`,
  );
}

const globalQuote = z.looseObject({
  '01. symbol': z.string(),
  '05. price': numeric,
  '06. volume': numeric,
  '07. latest trading day': day,
});

/** GLOBAL_QUOTE: last price and volume of the latest trading day (stamped at its UTC midnight). */
export function parseAlphaVantageQuote(body: unknown, symbol: string): QuoteSnapshot {
  const outer = parseWith(
    z.looseObject({ 'Global Quote': z.record(z.string(), z.unknown()) }),
    body,
    `quote ${symbol}`,
  );
  // An unknown symbol gets an empty "Global Quote" object rather than an error.
  if (Object.keys(outer['Global Quote']).length === 0)
    throw new NautilusError('NOT_FOUND', `${SOURCE}: quote ${symbol}: no quote (unknown symbol?)`);
  const quote = parseWith(globalQuote, outer['Global Quote'], `quote ${symbol}: Global Quote`);
  return {
    source: SOURCE,
    symbol: quote['01. symbol'],
    last: quote['05. price'],
    volume: quote['06. volume'],
    tsNs: quote['07. latest trading day'],
  };
}

const ohlcv = z.looseObject({
  '1. open': numeric,
  '2. high': numeric,
  '3. low': numeric,
  '4. close': numeric,
  '5. volume': numeric,
});

/** TIME_SERIES_INTRADAY / TIME_SERIES_DAILY, sorted ascending. */
export function parseAlphaVantageBars(
  body: unknown,
  symbol: string,
  interval: AlphaVantageInterval,
): BarSeries {
  const seriesKey = interval === 'daily' ? 'Time Series (Daily)' : `Time Series (${interval})`;
  const what = `bars ${symbol} ${interval}`;
  const meta = parseWith(z.looseObject({ 'Meta Data': z.record(z.string(), z.string()) }), body, what)[
    'Meta Data'
  ];
  const rows = parseWith(
    z.looseObject({ series: z.record(z.string(), ohlcv) }),
    { series: (body as Record<string, unknown>)[seriesKey] },
    `${what}: "${seriesKey}"`,
  ).series;
  const startNs = interval === 'daily' ? dailyStart(what) : intradayStart(meta, what);
  const bars: SourceBar[] = Object.entries(rows).map(([stamp, row]) => ({
    startNs: startNs(stamp),
    open: row['1. open'],
    high: row['2. high'],
    low: row['3. low'],
    close: row['4. close'],
    volume: row['5. volume'],
  }));
  bars.sort((a, b) => (a.startNs < b.startNs ? -1 : a.startNs > b.startNs ? 1 : 0));
  const metaSymbol = Object.entries(meta).find(([key]) => key.endsWith('Symbol'))?.[1];
  return { source: SOURCE, symbol: metaSymbol ?? symbol, interval: NEUTRAL_INTERVAL[interval], bars };
}

/** Daily bars are dated trading days: UTC midnight of the date. */
function dailyStart(what: string): (stamp: string) => Nanos {
  return (stamp) => {
    try {
      return dateToNs(stamp);
    } catch (error) {
      throw new NautilusError('UPSTREAM_ERROR', `${SOURCE}: ${what}: ${(error as Error).message}`);
    }
  };
}

/** Intraday stamps are local wall-clock bar starts in the zone Meta Data names (US/Eastern). */
function intradayStart(meta: Record<string, string>, what: string): (stamp: string) => Nanos {
  const zoneName = Object.entries(meta).find(([key]) => key.endsWith('Time Zone'))?.[1];
  if (zoneName === undefined)
    throw new NautilusError(
      'UPSTREAM_ERROR',
      `${SOURCE}: ${what}: malformed response: no Meta Data time zone`,
    );
  let zone: ZoneClock;
  try {
    zone = new ZoneClock(zoneName);
  } catch {
    throw new NautilusError('UPSTREAM_ERROR', `${SOURCE}: ${what}: unknown time zone ${zoneName}`);
  }
  return (stamp) => {
    if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(stamp))
      throw new NautilusError('UPSTREAM_ERROR', `${SOURCE}: ${what}: bad timestamp ${JSON.stringify(stamp)}`);
    try {
      return parseIsoNanos(stamp, zone.toUtc);
    } catch (error) {
      throw new NautilusError('UPSTREAM_ERROR', `${SOURCE}: ${what}: ${(error as Error).message}`);
    }
  };
}

/**
 * The bars whose period had ended by `asOfNs`. A trading day D is taken as ended at D+1 12:00 UTC,
 * when D is over in every time zone (UTC-12 included): conservative for any exchange, and still
 * before the next US open.
 */
export function alphaVantageBarsKnownAt(
  bars: readonly SourceBar[],
  interval: AlphaVantageInterval,
  asOfNs: Nanos,
): SourceBar[] {
  const lengthNs =
    interval === 'daily' ? 36n * NS_PER_HOUR : BigInt(Number.parseInt(interval, 10)) * NS_PER_MINUTE;
  return bars.filter((bar) => bar.startNs + lengthNs <= asOfNs);
}
