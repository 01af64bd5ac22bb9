import { z } from 'zod';
import type { DataSource, SourceOperation, SourceRateLimit } from '../source.ts';
import { requireCredential, type SourceOptions, sourceKit } from '../source-kit.ts';
import type { BarSeries, QuoteSnapshot } from '../source-types.ts';
import {
  ALPHAVANTAGE_INTERVALS,
  alphaVantageBarsKnownAt,
  alphaVantageProblem,
  parseAlphaVantageBars,
  parseAlphaVantageQuote,
} from './alphavantage-parse.ts';

const NAME = 'alphavantage';

export const ALPHAVANTAGE_HOSTS = ['www.alphavantage.co'] as const;
export const ALPHAVANTAGE_DEFAULT_BASE_URL = 'https://www.alphavantage.co';
export const ALPHAVANTAGE_API_KEY_ENV = 'ALPHAVANTAGE_API_KEY';

/** Five per minute as a bucket; the daily cap is the provider's to enforce (its reply is mapped). */
export const ALPHAVANTAGE_RATE_LIMIT: SourceRateLimit = {
  capacity: 5,
  refillPerSecond: 5 / 60,
  published:
    'Free API key: "up to 25 API requests per day" (alphavantage.co/support); the free tier was long ' +
    'documented as "5 API requests per minute and 500 requests per day". Modelled as 5 per minute.',
};

const symbol = z.string().trim().min(1);

const quoteParams = z.strictObject({ symbol });

const barsParams = z
  .strictObject({
    symbol,
    interval: z.enum(ALPHAVANTAGE_INTERVALS).default('daily'),
    outputsize: z.enum(['compact', 'full']).default('compact'),
    /** Intraday history of one month (YYYY-MM) instead of the latest bars. */
    month: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM')
      .optional(),
  })
  .refine((params) => params.month === undefined || params.interval !== 'daily', {
    message: 'month applies to intraday intervals only',
    path: ['month'],
  });

type QuoteParams = z.infer<typeof quoteParams>;
type BarsParams = z.infer<typeof barsParams>;

export function createAlphaVantageSource(options: SourceOptions): DataSource {
  const { client, limiter } = sourceKit(
    { name: NAME, baseUrl: ALPHAVANTAGE_DEFAULT_BASE_URL, rateLimit: ALPHAVANTAGE_RATE_LIMIT },
    options,
  );

  /** Every call is GET /query; errors and throttling come back as HTTP 200 bodies. */
  const query = async (params: Record<string, string | undefined>, what: string): Promise<unknown> => {
    const apikey = requireCredential(NAME, options.apiKey, ALPHAVANTAGE_API_KEY_ENV);
    const body = await client.json('/query', { query: { ...params, apikey } });
    const problem = alphaVantageProblem(body);
    if (problem) throw client.error(problem.code, `${what}: ${problem.message}`);
    return body;
  };

  const quote: SourceOperation<QuoteParams, QuoteSnapshot> = {
    description: 'Latest price and volume of a symbol (GLOBAL_QUOTE)',
    dataType: 'quote',
    params: quoteParams,
    keySymbol: (params) => params.symbol,
    pointInTime: {
      safe: false,
      note: 'GLOBAL_QUOTE is always the latest trading day; it cannot answer for an earlier instant',
    },
    run: async (params) =>
      parseAlphaVantageQuote(
        await query({ function: 'GLOBAL_QUOTE', symbol: params.symbol }, `quote ${params.symbol}`),
        params.symbol,
      ),
  };

  const bars: SourceOperation<BarsParams, BarSeries> = {
    description: 'OHLCV bars, intraday (1min..60min) or daily, as traded (not split/dividend adjusted)',
    dataType: 'bar',
    params: barsParams,
    keySymbol: (params) => params.symbol,
    pointInTime: {
      safe: true,
      note:
        'Unadjusted bars (TIME_SERIES_DAILY is as traded; intraday asked with adjusted=false) filtered ' +
        'to bars whose period had ended by asOf (a day D counts as ended at D+1 12:00 UTC)',
    },
    run: async (params, ctx) => {
      const intraday = params.interval !== 'daily';
      const body = await query(
        intraday
          ? {
              function: 'TIME_SERIES_INTRADAY',
              symbol: params.symbol,
              interval: params.interval,
              outputsize: params.outputsize,
              adjusted: 'false',
              month: params.month,
            }
          : { function: 'TIME_SERIES_DAILY', symbol: params.symbol, outputsize: params.outputsize },
        `bars ${params.symbol}`,
      );
      const series = parseAlphaVantageBars(body, params.symbol, params.interval);
      if (ctx.asOfNs === undefined) return series;
      return { ...series, bars: alphaVantageBarsKnownAt(series.bars, params.interval, ctx.asOfNs) };
    },
  };

  return {
    name: NAME,
    title: 'Alpha Vantage',
    hosts: ALPHAVANTAGE_HOSTS,
    limiter,
    operations: { quote, bars },
    close: async () => {
      limiter.close();
      client.close();
    },
  };
}
