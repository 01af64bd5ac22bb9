import { z } from 'zod';
import { NS_PER_SECOND } from '../../../domain/time.ts';
import type { DataSource, SourceOperation, SourceRateLimit } from '../source.ts';
import type { QueryValue } from '../source-http-client.ts';
import { type SourceOptions, sourceKit } from '../source-kit.ts';
import type { BarSeries, QuoteSnapshot } from '../source-types.ts';
import {
  parseYahooBars,
  parseYahooQuote,
  YAHOO_INTERVALS,
  YAHOO_RANGES,
  yahooBarsKnownAt,
  yahooProblem,
} from './yahoo-parse.ts';

const NAME = 'yahoo';

export const YAHOO_HOSTS = ['query1.finance.yahoo.com', 'query2.finance.yahoo.com'] as const;
export const YAHOO_DEFAULT_BASE_URL = 'https://query1.finance.yahoo.com';

export const YAHOO_RATE_LIMIT: SourceRateLimit = {
  capacity: 10,
  refillPerSecond: 2000 / 3600,
  published:
    'Unofficial: Yahoo publishes no limit for the chart API; about 2000 requests per hour per IP is ' +
    'the commonly cited figure, beyond which it answers HTTP 429 "Too Many Requests".',
};

/** Yahoo throttles requests without a browser-like User-Agent. */
const HEADERS = { 'user-agent': 'Mozilla/5.0 (compatible; nautilus-marketdata)' };

const symbol = z.string().trim().min(1);
const epochSeconds = z.coerce.number().int().nonnegative();

const quoteParams = z.strictObject({ symbol });

const barsParams = z
  .strictObject({
    symbol,
    interval: z.enum(YAHOO_INTERVALS).default('1d'),
    range: z.enum(YAHOO_RANGES).optional(),
    /** Epoch seconds; period2 defaults to now. */
    period1: epochSeconds.optional(),
    period2: epochSeconds.optional(),
  })
  .refine((p) => p.range === undefined || (p.period1 === undefined && p.period2 === undefined), {
    message: 'give range or period1/period2, not both',
  })
  .refine((p) => p.period2 === undefined || (p.period1 !== undefined && p.period1 < p.period2), {
    message: 'period2 needs a period1 before it',
    path: ['period2'],
  });

type QuoteParams = z.infer<typeof quoteParams>;
type BarsParams = z.infer<typeof barsParams>;

export function createYahooSource(options: SourceOptions): DataSource {
  const { client, limiter } = sourceKit(
    { name: NAME, baseUrl: YAHOO_DEFAULT_BASE_URL, rateLimit: YAHOO_RATE_LIMIT, headers: HEADERS },
    options,
  );

  /** GET /v8/finance/chart/<symbol>; its 400/404 bodies name the problem better than the status. */
  const chart = async (ticker: string, query: Record<string, QueryValue>, what: string): Promise<unknown> => {
    const result = await client.request(`/v8/finance/chart/${encodeURIComponent(ticker)}`, {
      query,
      acceptStatus: (status) => status === 400 || status === 404,
    });
    let body: unknown;
    try {
      body = JSON.parse(result.body);
    } catch {
      body = undefined;
    }
    const problem = yahooProblem(body);
    if (problem) throw client.error(problem.code, `${what}: ${problem.message}`);
    if (result.status === 404) throw client.error('NOT_FOUND', `${what}: not found (HTTP 404)`);
    if (result.status === 400) throw client.error('BAD_REQUEST', `${what}: rejected (HTTP 400)`);
    if (body === undefined) throw client.error('UPSTREAM_ERROR', `${what}: response is not JSON`);
    return body;
  };

  const quote: SourceOperation<QuoteParams, QuoteSnapshot> = {
    description: 'Regular-market price and time of a symbol (chart meta)',
    dataType: 'quote',
    params: quoteParams,
    keySymbol: (params) => params.symbol,
    pointInTime: { safe: false, note: 'regularMarketPrice is always the latest price' },
    run: async (params) =>
      parseYahooQuote(
        await chart(params.symbol, { interval: '1d', range: '1d' }, `quote ${params.symbol}`),
        params.symbol,
      ),
  };

  const bars: SourceOperation<BarsParams, BarSeries> = {
    description: 'OHLCV bars (1m..3mo) over a range or between epoch seconds; nulls (no trade) dropped',
    dataType: 'bar',
    params: barsParams,
    keySymbol: (params) => params.symbol,
    pointInTime: {
      safe: false,
      note:
        "Yahoo's OHLC are split-adjusted with hindsight (a later split rescales earlier bars), so they " +
        'are not as known at the time; when run as of an instant anyway, only bars that had ended are kept',
    },
    run: async (params, ctx) => {
      const period1 = params.period1;
      const query =
        period1 === undefined
          ? { interval: params.interval, range: params.range ?? '1mo' }
          : {
              interval: params.interval,
              period1,
              period2: params.period2 ?? Number(options.clock.nowNs() / NS_PER_SECOND),
            };
      const body = await chart(params.symbol, query, `bars ${params.symbol}`);
      const series = parseYahooBars(body, params.symbol, params.interval);
      if (ctx.asOfNs === undefined) return series;
      return { ...series, bars: yahooBarsKnownAt(series.bars, params.interval, ctx.asOfNs) };
    },
  };

  return {
    name: NAME,
    title: 'Yahoo Finance (chart API)',
    hosts: YAHOO_HOSTS,
    limiter,
    operations: { quote, bars },
    close: async () => {
      limiter.close();
      client.close();
    },
  };
}
