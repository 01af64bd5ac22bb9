import { z } from 'zod';
import { NautilusError } from '../../../core/errors.ts';
import type { DataSource, PointInTime, SourceOperation, SourceRateLimit } from '../source.ts';
import { type SourceHttpClient, upstreamReplyOf } from '../source-http-client.ts';
import { type SourceOptions, sourceKit } from '../source-kit.ts';
import type { EconomicSeries } from '../source-types.ts';
import { type CountryIndicator, parseHistorical, parseIndicators } from './tradingeconomics-parse.ts';

export const TRADINGECONOMICS_HOSTS = ['api.tradingeconomics.com'] as const;
export const TRADINGECONOMICS_DEFAULT_BASE_URL = 'https://api.tradingeconomics.com';
export const TRADINGECONOMICS_API_KEY_ENV = 'TRADINGECONOMICS_API_KEY';
/** TE's public demo credential: works without an account, but only for a few sample countries. */
export const TRADINGECONOMICS_GUEST_KEY = 'guest:guest';
export const TRADINGECONOMICS_RATE_LIMIT: SourceRateLimit = {
  capacity: 1,
  refillPerSecond: 1,
  published: 'Trading Economics API: 1 request per second (higher on paid plans)',
};

const SOURCE = 'tradingeconomics';
const GUEST_NOTE =
  `the guest:guest key only covers a few sample countries (e.g. Sweden, Mexico, New Zealand, Thailand); ` +
  `set ${TRADINGECONOMICS_API_KEY_ENV} for others`;

const name = z.string().trim().min(1);
const historicalParams = z.strictObject({
  country: name,
  indicator: name,
  start: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
    .optional(),
});
const indicatorsParams = z.strictObject({ country: name });

const REVISED_IN_PLACE: PointInTime = {
  safe: false,
  note: 'values are revised in place (LastUpdate shows when, but no vintages are kept): a backtest would see later revisions',
};

export function createTradingeconomicsSource(options: SourceOptions): DataSource {
  const key = options.apiKey || TRADINGECONOMICS_GUEST_KEY;
  const { client, limiter } = sourceKit(
    { name: SOURCE, baseUrl: TRADINGECONOMICS_DEFAULT_BASE_URL, rateLimit: TRADINGECONOMICS_RATE_LIMIT },
    options,
    [key],
  );
  const query = { c: key, f: 'json' };
  const segment = (text: string) => encodeURIComponent(text);

  const historical: SourceOperation<z.output<typeof historicalParams>, EconomicSeries> = {
    description: 'Historical values of one indicator of one country, e.g. United States / GDP Growth Rate',
    dataType: 'economic',
    params: historicalParams,
    keySymbol: (params) => `${params.country}:${params.indicator}`,
    pointInTime: REVISED_IN_PLACE,
    run: async (params) => {
      const path =
        `/historical/country/${segment(params.country)}/indicator/${segment(params.indicator)}` +
        (params.start ? `/${params.start}` : '');
      const what = `indicator "${params.indicator}" of "${params.country}"`;
      return parseHistorical(await get(client, path, query, what), params.country, params.indicator);
    },
  };

  const indicators: SourceOperation<z.output<typeof indicatorsParams>, CountryIndicator[]> = {
    description: 'Latest value of every indicator Trading Economics has for a country',
    dataType: 'economic',
    params: indicatorsParams,
    keySymbol: (params) => params.country,
    pointInTime: REVISED_IN_PLACE,
    run: async (params) => {
      const json = await get(client, `/country/${segment(params.country)}`, query, `"${params.country}"`);
      return parseIndicators(json, params.country);
    },
  };

  return {
    name: SOURCE,
    title: 'Trading Economics (macro indicators)',
    hosts: TRADINGECONOMICS_HOSTS,
    limiter,
    operations: { historical, indicators },
    close: async () => {
      limiter.close();
      client.close();
    },
  };
}

/** TE refuses with plain text ("No Access to this country as free user.") and throttles with 409/429. */
async function get(
  client: SourceHttpClient,
  path: string,
  query: Record<string, string>,
  what: string,
): Promise<unknown> {
  try {
    return await client.json(path, { query });
  } catch (error) {
    if (!(error instanceof NautilusError)) throw error;
    const upstream = upstreamReplyOf(error);
    const reply = upstream ? `HTTP ${upstream.status}: ${upstream.body}` : error.message;
    if (error.code === 'UPSTREAM_AUTH')
      throw client.error('UPSTREAM_AUTH', `no access to ${what} (${reply}); ${GUEST_NOTE}`);
    if (upstream?.status === 409)
      throw client.error('UPSTREAM_RATE_LIMITED', `${what}: rate limited by the API (${reply})`);
    throw error;
  }
}
